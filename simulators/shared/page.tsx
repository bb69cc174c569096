/**
 * The page shell and building blocks of the simulators' own pages (login, logout, mailbox…).
 * Plain NL Design System markup (the Utrecht component library CSS and design tokens), rendered
 * with preact-render-to-string, which escapes every text and attribute value. The simulators
 * do not import the portal's shell: they stand in for systems outside Voordeur.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import type { ComponentChildren, JSX } from 'preact';
import { renderToString } from 'preact-render-to-string';

const require = createRequire(import.meta.url);

/** Layout only: every colour comes from the design tokens. */
const simulatorCss = `.simulator {
  margin: 0;
  font-family: var(--utrecht-document-font-family, system-ui, sans-serif);
  line-height: 1.5;
}
.simulator *:focus-visible {
  outline: 3px solid var(--utrecht-focus-outline-color, #000);
  outline-offset: 2px;
}
.simulator-container {
  max-width: 60rem;
  margin-inline: auto;
  padding-inline: 1rem;
  box-sizing: border-box;
  width: 100%;
}
.simulator-header .simulator-container {
  padding-block: 1rem;
}
.simulator-header p {
  margin: 0;
}
.simulator-main {
  padding-block: 1.5rem 3rem;
}
.simulator-main > * + *,
.simulator-section > * + * {
  margin-block-start: 1rem;
}
.simulator-section {
  margin-block-start: 2.5rem;
}
.simulator-choices {
  list-style: none;
  padding: 0;
  display: grid;
  gap: 1rem;
}
.simulator-choice {
  border: 1px solid currentColor;
  border-radius: 4px;
  padding: 1rem;
}
.simulator-choice p {
  margin-block: 0 0.5rem;
}
.simulator-choice form {
  margin: 0;
}
.simulator-buttons {
  display: flex;
  flex-wrap: wrap;
  gap: 0.5rem 1rem;
}
.simulator .utrecht-form-field {
  margin-block: 1rem;
}
.simulator-technical {
  font-family: monospace;
  overflow-wrap: anywhere;
}
`;

/**
 * Serves the CSS of the simulator pages under `<prefix>/static/`: the Utrecht design tokens and
 * component library straight from their npm packages, and the small layout sheet above.
 */
export function registerSimulatorAssets(app: FastifyInstance, prefix: string): void {
  const files: Record<string, Buffer | string> = {
    '/static/nlds/design-tokens.css': readFileSync(require.resolve('@utrecht/design-tokens/dist/index.css')),
    '/static/nlds/components.css': readFileSync(require.resolve('@utrecht/component-library-css/dist/index.css')),
    '/static/simulator.css': simulatorCss,
  };
  for (const [path, body] of Object.entries(files)) {
    app.get(`${prefix}${path}`, { logLevel: 'warn' }, (_request, reply) => {
      reply.header('cache-control', 'public, max-age=3600').type('text/css; charset=utf-8').send(body);
    });
  }
}

type Children = { children?: ComponentChildren };
const cx = (...names: (string | false | undefined | null)[]) => names.filter(Boolean).join(' ');

export interface PageProps {
  /** The page's own title; the simulator's name is added to <title>. */
  title: string;
  /** E.g. "DigiD/eHerkenning-simulator". */
  simulatorName: string;
  /** Where registerSimulatorAssets serves the CSS, e.g. "/oidc". */
  assetsPrefix: string;
  children?: ComponentChildren;
}

function Page({ title, simulatorName, assetsPrefix, children }: PageProps) {
  return (
    <html lang="nl">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${title} - ${simulatorName}`}</title>
        <link rel="stylesheet" href={`${assetsPrefix}/static/nlds/design-tokens.css`} />
        <link rel="stylesheet" href={`${assetsPrefix}/static/nlds/components.css`} />
        <link rel="stylesheet" href={`${assetsPrefix}/static/simulator.css`} />
      </head>
      <body class="utrecht-theme utrecht-page-body simulator">
        <a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#main">
          Direct naar de inhoud
        </a>
        <div class="utrecht-page">
          <header class="utrecht-page-header simulator-header">
            <div class="utrecht-page-header__content simulator-container">
              <p class="utrecht-paragraph">
                <strong>{simulatorName}</strong>
              </p>
              <p class="utrecht-paragraph">Testomgeving: hier staan geen echte gegevens.</p>
            </div>
          </header>
          <main id="main" class="utrecht-page-content simulator-container simulator-main" tabIndex={-1}>
            {children}
          </main>
        </div>
      </body>
    </html>
  );
}

/** A complete HTML document. */
export function renderPage(props: PageProps): string {
  return `<!DOCTYPE html>${renderToString(<Page {...props} />)}`;
}

export function Heading({ level, children, id }: Children & { level: 1 | 2 | 3; id?: string }) {
  const Tag = `h${level}` as 'h1';
  return (
    <Tag class={`utrecht-heading-${level}`} id={id}>
      {children}
    </Tag>
  );
}

export function Paragraph({ children, lead }: Children & { lead?: boolean }) {
  return <p class={cx('utrecht-paragraph', lead && 'utrecht-paragraph--lead')}>{children}</p>;
}

export function Button({
  children,
  appearance = 'primary-action',
  name,
  value,
  form,
}: Children & {
  appearance?: 'primary-action' | 'secondary-action' | 'subtle';
  name?: string;
  value?: string;
  /** Id of the form this button submits, when it is not inside it. */
  form?: string;
}) {
  return (
    <button class={`utrecht-button utrecht-button--${appearance} utrecht-button--submit`} type="submit" name={name} value={value} form={form}>
      {children}
    </button>
  );
}

export function Alert({ type, children }: Children & { type: 'info' | 'ok' | 'warning' | 'error' }) {
  return (
    <div class={`utrecht-alert utrecht-alert--${type}`}>
      <div class="utrecht-alert__content">
        <div class="utrecht-alert__message">{children}</div>
      </div>
    </div>
  );
}

export interface FieldError {
  /** Id of the field the error is about. */
  field: string;
  message: string;
}

/** The NL Design System error summary: at the top of the page, each error linking to its field. */
export function ErrorSummary({ errors }: { errors: FieldError[] }) {
  if (errors.length === 0) return null;
  return (
    <div class="utrecht-alert utrecht-alert--error" role="alert" aria-labelledby="error-summary-title" id="error-summary" tabIndex={-1}>
      <div class="utrecht-alert__content">
        <div class="utrecht-alert__message">
          <h2 class="utrecht-heading-2" id="error-summary-title">
            Er is iets misgegaan
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

export function TextField({
  id,
  name,
  label,
  value,
  error,
  description,
  inputMode,
  autoComplete = 'off',
  size,
}: {
  id: string;
  name: string;
  label: ComponentChildren;
  value?: string;
  error?: string;
  description?: ComponentChildren;
  inputMode?: JSX.HTMLAttributes['inputMode'];
  autoComplete?: string;
  size?: number;
}) {
  const describedBy = cx(description !== undefined && `${id}-description`, error !== undefined && `${id}-error`) || undefined;
  return (
    <div class={cx('utrecht-form-field', 'utrecht-form-field--text', error !== undefined && 'utrecht-form-field--invalid')}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={id}>
          {label}
        </label>
      </div>
      {description !== undefined && (
        <div class="utrecht-form-field__description utrecht-form-field-description" id={`${id}-description`}>
          {description}
        </div>
      )}
      {error !== undefined && (
        <div class="utrecht-form-field__error-message utrecht-form-field-error-message" id={`${id}-error`}>
          {error}
        </div>
      )}
      <div class="utrecht-form-field__input">
        <input
          class={cx('utrecht-textbox', 'utrecht-textbox--html-input', error !== undefined && 'utrecht-textbox--invalid')}
          id={id}
          name={name}
          type="text"
          value={value ?? ''}
          aria-invalid={error !== undefined ? 'true' : undefined}
          aria-describedby={describedBy}
          autoComplete={autoComplete}
          inputMode={inputMode}
          size={size}
          spellcheck={false}
        />
      </div>
    </div>
  );
}
