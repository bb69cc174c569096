/**
 * Notify templates: `((placeholder))` fields in the subject and body, filled in from the
 * personalisation as Notify does it (notifications-utils field.py). Placeholder names match
 * regardless of case, spaces, underscores and hyphens; `((name??text))` shows `text` only when
 * the value of `name` is yes, y, true, t, 1, include or show. A placeholder without a value is
 * "missing personalisation"; extra personalisation is ignored. The text is not rendered (no
 * Markdown to HTML): the simulator gives back and shows what the recipient's text would read.
 */

export interface NotifyTemplate {
  /** A UUID, as in Notify. */
  id: string;
  type: 'email' | 'sms';
  name: string;
  /** E-mail only. */
  subject?: string;
  body: string;
}

const placeholderPattern = /\(\(([^()]+)\)\)/g;

/** InsensitiveDict's key: without spaces, underscores and hyphens, in lower case. */
const key = (name: string) => name.replace(/[ _-]/g, '').toLowerCase();

const shown = (value: string) => ['yes', 'y', 'true', 't', '1', 'include', 'show'].includes(value.toLowerCase());

/** Placeholder names in `text`, in order of appearance, without the conditional part. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(placeholderPattern)].map((m) => m[1]!.split('??')[0]!);
}

export type Rendered = { ok: true; subject?: string; body: string } | { ok: false; missing: string[] };

/** Subject and body filled in, or the names of the placeholders without a value (each once). */
export function render(template: NotifyTemplate, personalisation: Record<string, string>): Rendered {
  const values = new Map(Object.entries(personalisation).map(([name, value]) => [key(name), value]));
  const texts = template.type === 'email' ? [template.subject ?? '', template.body] : [template.body];
  const missing: string[] = [];
  for (const name of texts.flatMap(placeholders)) {
    if (!values.has(key(name)) && !missing.some((m) => key(m) === key(name))) missing.push(name);
  }
  if (missing.length > 0) return { ok: false, missing };

  const fill = (text: string) =>
    text.replace(placeholderPattern, (_match, inner: string) => {
      const [name, ...rest] = inner.split('??');
      const value = values.get(key(name!))!;
      if (rest.length === 0) return value;
      return shown(value) ? rest.join('??') : '';
    });
  return template.type === 'email' ? { ok: true, subject: fill(template.subject ?? ''), body: fill(template.body) } : { ok: true, body: fill(template.body) };
}
