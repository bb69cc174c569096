/**
 * NL Design System building blocks: thin, typed components that emit the Utrecht component
 * library's CSS classes (@utrecht/component-library-css), rendered to HTML on the server with
 * preact-render-to-string, which escapes every text and attribute. See
 * docs/decisions/0002-server-rendering.md for why this and not @utrecht/component-library-react.
 */
import type { ComponentChildren, JSX } from 'preact';
import { formatDate, isoDay } from '../i18n/format.ts';
import type { Lang, MessageKey, Translate } from '../i18n/index.ts';
import { keptHtml } from './kept-html.ts';

type Children = { children?: ComponentChildren };
/** Class names that are set, joined. */
export const cx = (...names: (string | false | undefined | null)[]) => names.filter(Boolean).join(' ');

/** A date in the reader's language, machine-readable too. */
export function DateText({ lang, value }: { lang: Lang; value: Date | string }) {
  return <time dateTime={isoDay(value)}>{formatDate(lang, value)}</time>;
}

/**
 * Text from a source that stays Dutch whatever language the page is in (a zaak's title and status,
 * a bericht's text, a product's name): marked so that it is read out as Dutch (WCAG 3.1.2).
 */
export function Dutch({ children, block }: Children & { block?: boolean }) {
  return block ? <div lang="nl">{children}</div> : <span lang="nl">{children}</span>;
}

/** A catalogue text whose {placeholders} are markup, e.g. a source's Dutch name in <Dutch> inside an English sentence. */
export function Message({ t, id, params }: { t: Translate; id: MessageKey; params: Record<string, ComponentChildren> }) {
  const parts = t(id).split(/\{(\w+)\}/);
  return <>{parts.map((part, i) => (i % 2 === 1 ? (part in params ? params[part] : `{${part}}`) : part))}</>;
}

export function Heading({ level, children, id }: Children & { level: 1 | 2 | 3 | 4; id?: string }) {
  const Tag = `h${level}` as 'h1';
  return (
    <Tag class={`utrecht-heading-${level}`} id={id}>
      {children}
    </Tag>
  );
}

export function Paragraph({ children, lead, small }: Children & { lead?: boolean; small?: boolean }) {
  return <p class={cx('utrecht-paragraph', lead && 'utrecht-paragraph--lead', small && 'utrecht-paragraph--small')}>{children}</p>;
}

/** `lang`: the language of the link's text (e.g. a Dutch zaak title on an English page), not of the page it leads to. */
export function Link({ href, children, current, lang }: Children & { href: string; current?: boolean; lang?: string }) {
  return (
    <a class="utrecht-link utrecht-link--html-a" href={href} aria-current={current ? 'page' : undefined} lang={lang}>
      {children}
    </a>
  );
}

export type ButtonAppearance = 'primary-action' | 'secondary-action' | 'subtle';

export function Button({
  children,
  appearance = 'primary-action',
  type = 'submit',
  name,
  value,
  id,
}: Children & {
  appearance?: ButtonAppearance;
  type?: 'submit' | 'button';
  name?: string;
  value?: string;
  id?: string;
}) {
  return (
    <button
      class={cx('utrecht-button', `utrecht-button--${appearance}`, type === 'submit' && 'utrecht-button--submit')}
      type={type}
      name={name}
      value={value}
      id={id}
    >
      {children}
    </button>
  );
}

/** A link that looks like a button (for starting something with a GET, such as logging in). */
export function ButtonLink({ href, children, appearance = 'primary-action' }: Children & { href: string; appearance?: ButtonAppearance }) {
  return (
    <a class={cx('utrecht-button-link', 'utrecht-button-link--html-a', `utrecht-button-link--${appearance}`)} href={href}>
      {children}
    </a>
  );
}

export function ButtonGroup({ children }: Children) {
  return <div class="utrecht-button-group">{children}</div>;
}

export type AlertType = 'info' | 'ok' | 'warning' | 'error';

/** A message box. role=status for news, role=alert for errors the person must act on. */
export function Alert({ type, children, role, id }: Children & { type: AlertType; role?: 'alert' | 'status'; id?: string }) {
  return (
    <div class={`utrecht-alert utrecht-alert--${type}`} role={role} id={id} tabIndex={id ? -1 : undefined}>
      <div class="utrecht-alert__content">
        <div class="utrecht-alert__message">{children}</div>
      </div>
    </div>
  );
}

export function DataList({ items }: { items: { key: ComponentChildren; value: ComponentChildren }[] }) {
  return (
    <dl class="utrecht-data-list utrecht-data-list--rows">
      {items.map((item) => (
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">{item.key}</dt>
          <dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A POST form with the session's CSRF token. Every POST form in Voordeur is one of these. */
export function Form({
  action,
  csrfToken,
  children,
  id,
  noValidate = true,
  multipart,
}: Children & { action: string; csrfToken: string; id?: string; noValidate?: boolean; multipart?: boolean }) {
  return (
    // The page that answers opens at its error summary (id error-summary), also without JavaScript;
    // a redirect after success names its own place (e.g. the confirmation).
    <form
      class="utrecht-form"
      method="post"
      action={action.includes('#') ? action : `${action}#error-summary`}
      id={id}
      noValidate={noValidate}
      encType={multipart ? 'multipart/form-data' : undefined}
    >
      <input type="hidden" name="_csrf" value={csrfToken} />
      {children}
    </form>
  );
}

export interface FieldError {
  field: string;
  /** A text, or text with Dutch data marked lang="nl" on an English page. */
  message: ComponentChildren;
}

/** The NL Design System error summary: at the top of a form, each error linking to its field. */
export function ErrorSummary({ errors, title }: { errors: FieldError[]; title: string }) {
  if (errors.length === 0) return null;
  return (
    <div class="utrecht-alert utrecht-alert--error voordeur-error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} id="error-summary">
      <div class="utrecht-alert__content">
        <div class="utrecht-alert__message">
          <h2 class="utrecht-heading-2" id="error-summary-title">
            {title}
          </h2>
          <ul class="utrecht-unordered-list">
            {errors.map((e) => (
              <li class="utrecht-unordered-list__item">
                <a class="utrecht-link utrecht-link--html-a" href={`#${e.field}`}>
                  {e.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

/** The NL Design System form field around one input: label, description, error, then the input. */
/** Label, description, error and the input, in the Utrecht form-field layout. */
export function FormField({
  id,
  label,
  description,
  error,
  kind,
  children,
}: Children & {
  id: string;
  label: ComponentChildren;
  description?: ComponentChildren;
  error?: ComponentChildren;
  kind: string;
}) {
  return (
    <div class={cx('utrecht-form-field', kind, !!error && 'utrecht-form-field--invalid')}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={id}>
          {label}
        </label>
      </div>
      {description && (
        <div class="utrecht-form-field__description utrecht-form-field-description" id={`${id}-description`}>
          {description}
        </div>
      )}
      {error && (
        <div class="utrecht-form-field__error-message utrecht-form-field-error-message" id={`${id}-error`}>
          {error}
        </div>
      )}
      <div class="utrecht-form-field__input">{children}</div>
    </div>
  );
}

/** aria-describedby for an input with an optional description and error. */
export const describedBy = (id: string, description: unknown, error: unknown) =>
  cx(description ? `${id}-description` : undefined, error ? `${id}-error` : undefined) || undefined;

/** A textarea in the Utrecht form-field layout (label, description, error). */
export function TextArea({
  id,
  name,
  label,
  description,
  value,
  error,
  rows = 5,
  spellcheck,
}: {
  id: string;
  name: string;
  label: ComponentChildren;
  description?: ComponentChildren;
  value: string;
  error?: ComponentChildren;
  rows?: number;
  spellcheck?: boolean;
}) {
  return (
    <FormField id={id} label={label} description={description} error={error} kind="utrecht-form-field--textarea">
      <textarea
        class={cx('utrecht-textarea', 'utrecht-textarea--html-textarea', !!error && 'utrecht-textarea--invalid')}
        id={id}
        name={name}
        rows={rows}
        spellcheck={spellcheck}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, description, error)}
      >
        {value}
      </textarea>
    </FormField>
  );
}

export function TextField({
  id,
  name,
  label,
  value,
  error,
  description,
  type = 'text',
  autoComplete,
  inputMode,
  size,
}: {
  id: string;
  name: string;
  label: ComponentChildren;
  value?: string;
  error?: ComponentChildren;
  description?: ComponentChildren;
  type?: 'text' | 'email' | 'tel' | 'number' | 'date' | 'datetime-local' | 'time';
  autoComplete?: string;
  inputMode?: JSX.HTMLAttributes['inputMode'];
  size?: number;
}) {
  return (
    <FormField id={id} label={label} description={description} error={error} kind="utrecht-form-field--text">
      <input
        class={cx('utrecht-textbox', 'utrecht-textbox--html-input', !!error && 'utrecht-textbox--invalid')}
        id={id}
        name={name}
        type={type}
        value={value ?? ''}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, description, error)}
        autoComplete={autoComplete}
        inputMode={inputMode}
        size={size}
      />
    </FormField>
  );
}

/** One choice of a select. */
export interface SelectOption {
  value: string;
  label: string;
  /** The language of an option that is a source's Dutch text (e.g. a zaaktype), when the page is in another. */
  lang?: 'nl';
}

/** A select in the Utrecht form-field layout (label, description, error); options may be grouped (`optgroup`). */
export function SelectField({
  id,
  name,
  label,
  description,
  value,
  error,
  options,
}: {
  id: string;
  name: string;
  label: ComponentChildren;
  description?: ComponentChildren;
  value: string;
  error?: ComponentChildren;
  options: (SelectOption | { group: string; options: SelectOption[] })[];
}) {
  const option = (o: SelectOption) => (
    <option value={o.value} selected={o.value === value} lang={o.lang}>
      {o.label}
    </option>
  );
  return (
    <FormField id={id} label={label} description={description} error={error} kind="utrecht-form-field--select">
      <select
        class={cx('utrecht-select', 'utrecht-select--html-select', !!error && 'utrecht-select--invalid')}
        id={id}
        name={name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, description, error)}
      >
        {options.map((o) => ('group' in o ? <optgroup label={o.group}>{o.options.map(option)}</optgroup> : option(o)))}
      </select>
    </FormField>
  );
}

/** A search box with its label and description, for a GET form. */
export function SearchField({
  id,
  name,
  label,
  description,
  value,
}: {
  id: string;
  name: string;
  label: ComponentChildren;
  description?: ComponentChildren;
  value: string;
}) {
  return (
    <div class="utrecht-form-field utrecht-form-field--text">
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={id}>
          {label}
        </label>
      </div>
      {description && (
        <div class="utrecht-form-field__description utrecht-form-field-description" id={`${id}-description`}>
          {description}
        </div>
      )}
      <div class="utrecht-form-field__input">
        <input
          class="utrecht-textbox utrecht-textbox--html-input"
          id={id}
          name={name}
          type="search"
          value={value}
          aria-describedby={description ? `${id}-description` : undefined}
          maxLength={100}
        />
      </div>
    </div>
  );
}

/** One checkbox with its label, in the NL Design System pattern: the input inside the label. */
export function CheckboxField({ id, name, value, label, checked }: { id: string; name: string; value: string; label: ComponentChildren; checked: boolean }) {
  return (
    <div class="utrecht-form-field utrecht-form-field--checkbox">
      <p class="utrecht-form-field__label utrecht-form-field__label--checkbox">
        <label class="utrecht-form-label utrecht-form-label--checkbox" for={id}>
          <input
            class="utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom utrecht-form-field__input"
            type="checkbox"
            id={id}
            name={name}
            value={value}
            checked={checked}
          />
          {label}
        </label>
      </p>
    </div>
  );
}

/** A column's name as the label in front of a stacked cell: "Status:", but "Wat moet u doen?" as it is. */
const labelOf = (header: ComponentChildren) => (typeof header === 'string' && /[?:]$/.test(header) ? header : <>{header}:</>);

/** Whether a table cell has nothing to show. */
const isEmptyCell = (cell: ComponentChildren) => cell === '' || cell === null || cell === undefined || cell === false;

/**
 * A data table with a caption (visible or for screen readers only). On small screens each row
 * becomes a card (public/voordeur.css): every cell after the first gets its column's name in
 * front, shown only there and hidden from assistive technology, which reads the table's own
 * headers. The explicit roles keep it a table for browsers that drop a table's semantics once it
 * is no longer displayed as one.
 */
export function Table({
  caption,
  captionHidden,
  head,
  rows,
  scrollLabel,
}: {
  caption: ComponentChildren;
  captionHidden?: boolean;
  head: ComponentChildren[];
  /**
   * `keep`: the row is rendered once for this object and variant and kept with it
   * (platform/ui/kept-html.ts), when every column's name is text; `cells` may then be a function,
   * called only when the row is rendered. The variant must name all the cells depend on besides
   * the object (language, a deadline's state); the column names and `className` are added here.
   */
  rows: TableRow[];
  /**
   * For a wide table that may scroll sideways: its wrapper becomes a named region that can be
   * focused, so that keyboard users can scroll it too (WCAG 2.1.1, axe scrollable-region-focusable).
   */
  scrollLabel?: string;
}) {
  // Kept rows depend on the column names (each cell's label): only when they are text.
  const headKey = head.every((cell) => typeof cell === 'string') ? head.join('\u0001') : undefined;
  return (
    <div class="voordeur-table-wrapper" {...(scrollLabel ? { tabIndex: 0, role: 'region', 'aria-label': scrollLabel } : {})}>
      <table class="utrecht-table utrecht-table--html-table" role="table">
        <caption class={cx('utrecht-table__caption', captionHidden && 'voordeur-visually-hidden')}>{caption}</caption>
        <thead class="utrecht-table__header" role="rowgroup">
          <tr class="utrecht-table__row" role="row">
            {head.map((cell) => (
              <th class="utrecht-table__header-cell" scope="col" role="columnheader">
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="utrecht-table__body" role="rowgroup">
          {rows.map((row) =>
            row.keep && headKey !== undefined ? (
              keptHtml(row.keep.owner, `${row.keep.variant}\u0000${row.className ?? ''}\u0000${headKey}`, () => <TableRowOf row={row} head={head} />)
            ) : (
              <TableRowOf row={row} head={head} />
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}

/** A row of a table. */
export interface TableRow {
  key: string;
  cells: ComponentChildren[] | (() => ComponentChildren[]);
  className?: string;
  keep?: { owner: object; variant: string };
}

function TableRowOf({ row, head }: { row: TableRow; head: ComponentChildren[] }) {
  const cells = typeof row.cells === 'function' ? row.cells() : row.cells;
  return (
    <tr class={cx('utrecht-table__row', row.className)} key={row.key} role="row">
      {cells.map((cell, i) =>
        i === 0 ? (
          <th class="utrecht-table__header-cell" scope="row" role="rowheader">
            {cell}
          </th>
        ) : (
          <td class="utrecht-table__cell" role="cell">
            {!isEmptyCell(cell) && (
              <>
                <span class="voordeur-table__label" aria-hidden="true">
                  {labelOf(head[i])}{' '}
                </span>
                {cell}
              </>
            )}
          </td>
        ),
      )}
    </tr>
  );
}

/** Page links: previous, numbered pages and next, as links that work without JavaScript. */
export function Pagination({
  label,
  page,
  pages,
  href,
  texts,
}: {
  label: string;
  page: number;
  pages: number;
  href: (page: number) => string;
  texts: { previous: string; next: string; page: (n: number) => string; status: string };
}) {
  if (pages <= 1) return null;
  const numbers = Array.from({ length: pages }, (_, i) => i + 1).filter((n) => n === 1 || n === pages || Math.abs(n - page) <= 2);
  return (
    <nav class="utrecht-pagination utrecht-pagination--distanced" aria-label={label}>
      <p class="voordeur-visually-hidden">{texts.status}</p>
      <span class="utrecht-pagination__before">
        {page > 1 && (
          <a class="utrecht-pagination__relative-link utrecht-pagination__relative-link--prev" rel="prev" href={href(page - 1)}>
            {texts.previous}
          </a>
        )}
      </span>
      <span class="utrecht-pagination__pages">
        {numbers.map((n, i) => (
          <>
            {i > 0 && n - numbers[i - 1]! > 1 && (
              <span class="voordeur-pagination-gap" aria-hidden="true">
                …
              </span>
            )}
            <a
              class={cx('utrecht-pagination__page-link', n === page && 'utrecht-pagination__page-link--current')}
              href={href(n)}
              aria-current={n === page ? 'page' : undefined}
              aria-label={texts.page(n)}
            >
              {n}
            </a>
          </>
        ))}
      </span>
      <span class="utrecht-pagination__after">
        {page < pages && (
          <a class="utrecht-pagination__relative-link utrecht-pagination__relative-link--next" rel="next" href={href(page + 1)}>
            {texts.next}
          </a>
        )}
      </span>
    </nav>
  );
}

/** A file chooser in the NL Design System form-field pattern. */
export function FileField({
  id,
  name,
  label,
  error,
  description,
  accept,
  multiple,
}: {
  id: string;
  name: string;
  label: ComponentChildren;
  error?: ComponentChildren;
  description?: ComponentChildren;
  accept?: string;
  /** More than one file may be chosen. */
  multiple?: boolean;
}) {
  return (
    <FormField id={id} label={label} description={description} error={error} kind="voordeur-form-field--file">
      <input
        class="voordeur-file-input"
        id={id}
        name={name}
        type="file"
        accept={accept}
        multiple={multiple}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, description, error)}
      />
    </FormField>
  );
}
