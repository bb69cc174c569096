/**
 * The parts every feature's pages share: the block that says a part cannot be shown right now,
 * and a section holding one page of a list with its page links.
 */
import type { ComponentChildren } from 'preact';
import type { Availability } from '../../domain/availability.ts';
import type { ZaakDocument } from '../../domain/zaak.ts';
import { formatBytes } from '../i18n/format.ts';
import type { Paged } from '../http/paging.ts';
import { type Lang, type MessageKey, midSentence, type Translate } from '../i18n/index.ts';
import { Alert, Button, Dutch, Form, Heading, Link, Pagination, Paragraph } from './components.tsx';

/**
 * Says that this part cannot be shown right now, because a system it comes from does not answer.
 * `text` for another wording (e.g. that nothing was changed).
 */
export function Unavailable({ t, text = 'error.unavailable' }: { t: Translate; text?: MessageKey }) {
  return <Alert type="warning">{t(text)}</Alert>;
}

/** What a person sent that could not be handled now, to send again as it was. */
export interface Resubmit {
  action: string;
  csrfToken: string;
  fields: [name: string, value: string][];
}

/**
 * A whole page that cannot be shown now: its title, why, and the way back to the feature's list;
 * after a form was sent, what was filled in, kept in the page to send again with one button.
 */
export function UnavailablePage({
  t,
  title,
  text,
  back,
  resubmit,
}: {
  t: Translate;
  title: string;
  text?: MessageKey;
  back?: { href: string; label: string };
  resubmit?: Resubmit;
}) {
  return (
    <>
      <Heading level={1}>{title}</Heading>
      <Unavailable t={t} text={text} />
      {resubmit && (
        <section aria-labelledby="resubmit-title">
          <Heading level={2} id="resubmit-title">
            {t('error.resubmit.title')}
          </Heading>
          <Paragraph>{t('error.resubmit.text')}</Paragraph>
          <Form action={resubmit.action} csrfToken={resubmit.csrfToken}>
            {resubmit.fields.map(([name, value]) => (
              <input type="hidden" name={name} value={value} />
            ))}
            <Button>{t('error.resubmit.button')}</Button>
          </Form>
        </section>
      )}
      {back && (
        <Paragraph>
          <Link href={back.href}>{t('error.back', { section: back.label })}</Link>
        </Paragraph>
      )}
    </>
  );
}

/** The page links of a paged list, in the reader's language. */
export function PageLinks({ t, label, paged }: { t: Translate; label: string; paged: Pick<Paged<unknown>, 'page' | 'pages' | 'href'> }) {
  return (
    <Pagination
      label={t('pagination.label', { section: midSentence(label) })}
      page={paged.page}
      pages={paged.pages}
      href={paged.href}
      texts={{
        previous: t('pagination.previous'),
        next: t('pagination.next'),
        page: (n) => t('pagination.page', { n }),
        status: t('pagination.status', { page: paged.page, pages: paged.pages }),
      }}
    />
  );
}

/**
 * A section with one page of a list: its heading with the number in the whole list, the items
 * (as `children` renders them), and links to the other pages; `empty` when the list is empty.
 */
export function PagedSection<T>({
  t,
  id,
  title,
  name = title,
  count,
  intro,
  empty,
  paged,
  children,
}: {
  t: Translate;
  /** The heading's id is `${id}-title`; page links come back to it. */
  id: string;
  title: string;
  /** What the page links are of (default: the title). */
  name?: string;
  /** The number in words, e.g. "3 zaken". */
  count: string;
  /** Shown under the heading, whether or not the list is empty (e.g. what the list is narrowed to). */
  intro?: ComponentChildren;
  empty: string;
  paged: Paged<T>;
  children: (items: T[]) => ComponentChildren;
}) {
  return (
    <section aria-labelledby={`${id}-title`}>
      <Heading level={2} id={`${id}-title`}>
        {title}
        {/* An empty list says so below; "(0 zaken)" in its heading says nothing more. */}
        {paged.total > 0 && <span class="voordeur-secondary"> ({count})</span>}
      </Heading>
      {intro}
      {paged.items.length === 0 ? (
        <Paragraph>{empty}</Paragraph>
      ) : (
        <>
          {children(paged.items)}
          <PageLinks t={t} label={name} paged={paged} />
        </>
      )}
    </section>
  );
}

/**
 * One part of a person's dossier in the medewerkersportaal: its heading, and its table (or the
 * text that there is nothing), or that it cannot be shown now.
 */
export function DossierSection<T>({
  t,
  id,
  title,
  result,
  empty,
  children,
}: {
  t: Translate;
  id: string;
  title: string;
  result: Availability<T[]>;
  empty: string;
  children: (items: T[]) => ComponentChildren;
}) {
  return (
    <section class="voordeur-block" aria-labelledby={`dossier-${id}-title`}>
      <Heading level={2} id={`dossier-${id}-title`}>
        {title}
      </Heading>
      {result.unavailable ? <Unavailable t={t} /> : result.value.length === 0 ? <Paragraph>{empty}</Paragraph> : children(result.value)}
    </section>
  );
}

/**
 * The files that belong to a page (a bericht's bijlagen, a product's documents): links that
 * download them, with their format and size; or that there are none, or that they cannot be
 * listed now.
 */
export function Downloads({
  t,
  lang,
  id,
  title,
  none,
  files,
  href,
}: {
  t: Translate;
  lang: Lang;
  id: string;
  title: string;
  none: string;
  files: Availability<(ZaakDocument & { index: number })[]>;
  href: (index: number) => string;
}) {
  return (
    <section aria-labelledby={id}>
      <Heading level={2} id={id}>
        {title}
      </Heading>
      {files.unavailable ? (
        <Unavailable t={t} />
      ) : files.value.length === 0 ? (
        <Paragraph>{none}</Paragraph>
      ) : (
        <ul class="utrecht-unordered-list">
          {files.value.map((file) => (
            <li class="utrecht-unordered-list__item">
              <a class="utrecht-link utrecht-link--html-a" href={href(file.index)} download={file.bestandsnaam}>
                <Dutch>{file.titel}</Dutch>
              </a>{' '}
              <span class="voordeur-secondary">
                (
                {[file.formaat?.split('/').at(-1)?.toUpperCase(), file.grootte !== undefined ? formatBytes(lang, t, file.grootte) : undefined]
                  .filter(Boolean)
                  .join(', ')}
                )
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
