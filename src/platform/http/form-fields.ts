/** The fields of a sent form (not a file upload) as name/value pairs, without its CSRF token. */
export function sentFields(body: unknown): [name: string, value: string][] | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const fields: [string, string][] = [];
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (name === '_csrf') continue;
    for (const one of Array.isArray(value) ? value : [value]) if (typeof one === 'string') fields.push([name, one]);
  }
  return fields;
}
