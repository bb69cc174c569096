/** The pages of Mijn zaken: the list, the zaak with its timeline and documents, and the upload form. */
import type { ComponentChildren, VNode } from 'preact';
import type { Availability } from '../../domain/availability.ts';
import { passedDeadline, zaakPath, type TimelineStep, type Zaak, type ZaakDetail, type ZaakRef } from '../../domain/zaak.ts';
import type { Paged } from '../../platform/http/paging.ts';
import { formatBytes, formatDate } from '../../platform/i18n/format.ts';
import type { Lang, Translate } from '../../platform/i18n/index.ts';
import {
  Alert,
  Button,
  DataList,
  DateText,
  Dutch,
  ErrorSummary,
  FileField,
  Form,
  Heading,
  Link,
  Message,
  Paragraph,
  SearchField,
  SelectField,
  Table,
  TextField,
  type FieldError,
} from '../../platform/ui/components.tsx';
import { keptHtml } from '../../platform/ui/kept-html.ts';
import { PagedSection, Unavailable } from '../../platform/ui/sections.tsx';

interface Texts {
  t: Translate;
  lang: Lang;
}

/** The page of a zaak. */
export const zaakHref = (zaak: Pick<Zaak, 'ref'>) => zaakPath(zaak.ref);

/** Which zaken the list shows. */
export const zakenShown = ['alle', 'lopend', 'afgerond'] as const;

/** The choices of the Mijn zaken form, kept in the address (a GET form). */
export interface ZakenFilter {
  zoek: string;
  toon: (typeof zakenShown)[number];
  /** A zaaktype the person has, or '' for all. */
  soort: string;
  /** By date: newest first (the default) or oldest first. */
  volgorde: 'nieuw' | 'oud';
}

/** Where a person whose zaak is late can ask about it: the contact form or page, and the phone number. */
export interface LateContact {
  href: string;
  phone?: string;
  /** The question form about this zaak ("Stel een vraag"), when Voordeur has one: used instead of `href`. */
  about?: (zaak: ZaakRef) => string;
}

/** "Uiterlijk klaar was 28 november 2026: Gemeente Voorbeeldstad is te laat", and what the person can do. */
export function LateNotice({ t, lang, deadline, organisation, contact }: Texts & { deadline: string; organisation: string; contact: LateContact }) {
  return (
    <Alert type="warning">
      <Paragraph>
        <strong>{t('zaak.late', { datum: formatDate(lang, deadline), organisatie: organisation })}</strong>
      </Paragraph>
      <Paragraph>
        {t('zaak.late.doen')} <Link href={contact.href}>{t('zaak.late.vraag')}</Link>
        {contact.phone ? ` ${t('zaak.late.bel', { telefoon: contact.phone })}` : '.'}
      </Paragraph>
    </Alert>
  );
}

export function ZakenPage({
  t,
  lang,
  organisation,
  filter,
  soorten = [],
  lists,
  today,
}: Texts & {
  organisation: string;
  filter: ZakenFilter;
  /** The zaaktypen of the person's zaken, to filter on. */
  soorten?: string[];
  /** The two lists, each at its page; with the systems whose zaken are missing. */
  lists: Availability<{ lopend: Paged<Zaak>; afgerond: Paged<Zaak>; notShown?: number }>;
  /** Today as a Dutch day, for zaken past their deadline. */
  today: string;
}) {
  const { zoek } = filter;
  const narrowed = Boolean(zoek || filter.soort);
  const empty = (name: 'lopend' | 'afgerond') =>
    zoek ? t(`zaken.${name}.emptySearch`, { zoek }) : filter.soort ? t(`zaken.${name}.emptyFilter`) : t(`zaken.${name}.empty`);
  // Nothing to search or filter: someone without zaken gets no search box (one who narrowed keeps it).
  const searchable = narrowed || filter.toon !== 'alle' || lists.unavailable || lists.value.lopend.total + lists.value.afgerond.total > 0;
  const late = lists.unavailable ? 0 : lists.value.lopend.items.filter((zaak) => passedDeadline(zaak, today)).length;
  return (
    <>
      <Heading level={1}>{t('zaken.title')}</Heading>
      <Paragraph lead>{t('zaken.intro', { organisation })}</Paragraph>
      {searchable && (
        <form class="voordeur-search" method="get" action="/zaken" role="search">
          <SearchField id="zoek" name="zoek" label={t('zaken.search.label')} description={t('zaken.search.description')} value={zoek} />
          <SelectField
            id="toon"
            name="toon"
            label={t('zaken.filter.toon')}
            value={filter.toon}
            options={zakenShown.map((value) => ({ value, label: t(`zaken.filter.toon.${value}`) }))}
          />
          {soorten.length > 1 && (
            <SelectField
              id="soort"
              name="soort"
              label={t('zaken.filter.soort')}
              value={filter.soort}
              options={[{ value: '', label: t('zaken.filter.soort.alle') }, ...soorten.map((soort) => ({ value: soort, label: soort, lang: 'nl' as const }))]}
            />
          )}
          <SelectField
            id="volgorde"
            name="volgorde"
            label={t('zaken.filter.volgorde')}
            value={filter.volgorde}
            options={[
              { value: 'nieuw', label: t('zaken.filter.volgorde.nieuw') },
              { value: 'oud', label: t('zaken.filter.volgorde.oud') },
            ]}
          />
          <Button appearance="secondary-action">{t('zaken.search.button')}</Button>
        </form>
      )}
      {(narrowed || filter.toon !== 'alle' || filter.volgorde !== 'nieuw') && (
        <Paragraph>
          {zoek && `${t('zaken.search.result', { zoek })} `}
          {filter.soort && (
            <>
              <Message t={t} id="zaken.filter.result.soort" params={{ soort: <Dutch>{filter.soort}</Dutch> }} />{' '}
            </>
          )}
          <Link href="/zaken">{t('zaken.search.clear')}</Link>
        </Paragraph>
      )}
      {lists.unavailable ? (
        <Unavailable t={t} />
      ) : (
        <>
          {lists.missing && <Alert type="warning">{t('zaken.partlyUnavailable')}</Alert>}
          {lists.value.notShown ? <Alert type="info">{t('zaken.notShown', { n: lists.value.notShown })}</Alert> : null}
          {late > 0 && <Alert type="warning">{late === 1 ? t('zaken.late.one') : t('zaken.late', { n: late })}</Alert>}
          {filter.toon !== 'afgerond' && (
            <ZakenSection
              t={t}
              lang={lang}
              id="lopend"
              title={t('zaken.lopend.title')}
              paged={lists.value.lopend}
              empty={empty('lopend')}
              dateColumn="changed"
              today={today}
            />
          )}
          {filter.toon !== 'lopend' && (
            <ZakenSection
              t={t}
              lang={lang}
              id="afgerond"
              title={t('zaken.afgerond.title')}
              paged={lists.value.afgerond}
              empty={empty('afgerond')}
              dateColumn="ended"
              today={today}
            />
          )}
        </>
      )}
    </>
  );
}

function ZakenSection({
  t,
  lang,
  id,
  title,
  paged,
  empty,
  dateColumn,
  today,
}: Texts & { id: string; title: string; paged: Paged<Zaak>; empty: string; dateColumn: 'changed' | 'ended'; today: string }) {
  return (
    <PagedSection
      t={t}
      id={id}
      title={title}
      count={paged.total === 1 ? t('zaken.count.one') : t('zaken.count', { n: paged.total })}
      empty={empty}
      paged={paged}
    >
      {(zaken) => (
        <Table
          caption={title}
          captionHidden
          head={[
            t('zaken.column.zaak'),
            t('zaken.column.zaaktype'),
            t('zaken.column.status'),
            t(dateColumn === 'changed' ? 'zaken.column.changed' : 'zaken.column.ended'),
          ]}
          rows={zaken.map((zaak) => {
            const deadline = passedDeadline(zaak, today);
            return {
              key: `${zaak.ref.systeem}/${zaak.ref.uuid}`,
              // The row is the same from page to page while the zaak is kept: rendered once per language, column and deadline.
              keep: { owner: zaak, variant: `${lang}\u0000${dateColumn}\u0000${deadline ?? ''}` },
              cells: () => [
                <>
                  <a class="utrecht-link utrecht-link--html-a voordeur-zaak-link" href={zaakHref(zaak)}>
                    <Dutch>{zaak.omschrijving || zaak.zaaktype}</Dutch>
                  </a>
                  <span class="voordeur-zaak-id">{t('zaken.identificatie', { id: zaak.identificatie })}</span>
                  {zaak.organisatie && <span class="voordeur-zaak-id">{t('zaken.van', { organisatie: zaak.organisatie })}</span>}
                </>,
                <Dutch>{zaak.zaaktype}</Dutch>,
                <>
                  {zaak.status ? <Dutch>{zaak.status.naam}</Dutch> : t('zaken.noStatus')}
                  {deadline && <span class="voordeur-late">{t('zaken.late.row', { datum: formatDate(lang, deadline) })}</span>}
                </>,
                <DateText lang={lang} value={dateColumn === 'ended' && zaak.einddatum ? zaak.einddatum : zaak.laatsteWijziging} />,
              ],
            };
          })}
        />
      )}
    </PagedSection>
  );
}

export interface UploadState {
  csrfToken: string;
  allowedTypes: string;
  maxSize: string;
  accept: string;
  errors: FieldError[];
  titel: string;
  /** A document was just added (after the redirect). */
  added?: boolean;
  /** The upload failed at the source. */
  failed?: boolean;
}

/** `sections`: what other features show on a zaak's page (e.g. its open taken), after its details. */
export function ZaakPage({
  t,
  lang,
  detail,
  upload,
  sections = [],
  today,
  organisation,
  contact,
}: Texts & { detail: ZaakDetail; upload?: UploadState; sections?: VNode[]; today: string; organisation: string; contact: LateContact }) {
  const { zaak } = detail;
  const deadline = passedDeadline(zaak, today);
  const open = !zaak.einddatum;
  const details: { key: ComponentChildren; value: ComponentChildren }[] = [
    ...(zaak.organisatie ? [{ key: t('zaak.organisatie'), value: zaak.organisatie }] : []),
    { key: t('zaak.identificatie'), value: zaak.identificatie },
    ...(zaak.organisatie && !zaak.zaaktype ? [] : [{ key: t('zaak.zaaktype'), value: <Dutch>{zaak.zaaktype}</Dutch> }]),
    { key: t('zaak.startdatum'), value: <DateText lang={lang} value={zaak.startdatum} /> },
  ];
  if (open && zaak.einddatumGepland) details.push({ key: t('zaak.einddatumGepland'), value: <DateText lang={lang} value={zaak.einddatumGepland} /> });
  else if (open && zaak.uiterlijkeEinddatumAfdoening)
    details.push({ key: t('zaak.uiterlijkeEinddatum'), value: <DateText lang={lang} value={zaak.uiterlijkeEinddatumAfdoening} /> });
  if (zaak.einddatum) details.push({ key: t('zaak.einddatum'), value: <DateText lang={lang} value={zaak.einddatum} /> });
  if (zaak.toelichting) details.push({ key: t('zaak.toelichting'), value: <Dutch>{zaak.toelichting}</Dutch> });

  return (
    <>
      <div class="voordeur-no-print">
        <Paragraph>
          <Link href="/zaken">{t('zaak.back')}</Link>
        </Paragraph>
      </div>
      <Heading level={1}>
        <Dutch>{zaak.omschrijving || zaak.zaaktype}</Dutch>
      </Heading>
      {deadline && <LateNotice t={t} lang={lang} deadline={deadline} organisation={organisation} contact={contact} />}
      {upload?.added && (
        <Alert type="ok" role="status">
          {t('zaak.upload.done')}
        </Alert>
      )}
      <section aria-labelledby="zaak-details-title">
        <Heading level={2} id="zaak-details-title">
          {t('zaak.details')}
        </Heading>
        <DataList items={details} />
      </section>
      {sections}

      {detail.resultaat && (
        <section aria-labelledby="zaak-resultaat-title">
          <Heading level={2} id="zaak-resultaat-title">
            {t('zaak.resultaat.title')}
          </Heading>
          <Dutch block>
            <Paragraph lead>{detail.resultaat.omschrijving}</Paragraph>
            {detail.resultaat.toelichting && <Paragraph>{detail.resultaat.toelichting}</Paragraph>}
          </Dutch>
        </section>
      )}

      <StatusSection t={t} lang={lang} title={t('zaak.status.title')} timeline={detail.timeline} />

      <section aria-labelledby="zaak-documents-title">
        <Heading level={2} id="zaak-documents-title">
          {t('zaak.documents.title')}
        </Heading>
        <Documents t={t} lang={lang} detail={detail} />
      </section>

      {upload && (
        <section aria-labelledby="zaak-upload-title" class="voordeur-no-print">
          <Heading level={2} id="zaak-upload-title">
            {t('zaak.upload.title')}
          </Heading>
          {open ? <UploadForm t={t} zaak={zaak} upload={upload} /> : <Paragraph>{t('zaak.upload.closed')}</Paragraph>}
        </section>
      )}
    </>
  );
}

/** "Hoe ver is …": the zaak's timeline, or why it cannot be shown (also in a staff member's view of the zaak). */
export function StatusSection({ t, lang, title, timeline }: Texts & { title: string; timeline: ZaakDetail['timeline'] }) {
  return (
    <section aria-labelledby="zaak-status-title">
      <Heading level={2} id="zaak-status-title">
        {title}
      </Heading>
      {!timeline ? (
        <Alert type="warning">{t('zaak.status.unavailable')}</Alert>
      ) : timeline.length === 0 ? (
        <Paragraph>{t('zaak.status.empty')}</Paragraph>
      ) : (
        // The same from page to page while the zaak is kept: rendered once per language.
        keptHtml(timeline, lang, () => <Timeline t={t} lang={lang} steps={timeline} />)
      )}
    </section>
  );
}

function Timeline({ t, lang, steps }: Texts & { steps: TimelineStep[] }) {
  const stateText = { done: t('zaak.step.done'), current: t('zaak.step.current'), upcoming: t('zaak.step.upcoming') };
  return (
    <ol class="voordeur-process-steps">
      {steps.map((step, i) => (
        <li class={`voordeur-process-step voordeur-process-step--${step.state}`} aria-current={step.state === 'current' ? 'step' : undefined}>
          <span class="voordeur-process-step__marker" aria-hidden="true">
            {step.state === 'done' ? '✓' : i + 1}
          </span>
          <div class="voordeur-process-step__body">
            <Heading level={3}>
              <span class="voordeur-visually-hidden">{t('zaak.step.label', { n: i + 1, total: steps.length })}: </span>
              <Dutch>{step.naam}</Dutch>
            </Heading>
            <span class="voordeur-process-step__state">{stateText[step.state]}</span>
            {step.datum && (
              <Paragraph small>
                <DateText lang={lang} value={step.datum} />
              </Paragraph>
            )}
            <Dutch block>
              {step.state !== 'upcoming' && step.tekst && <Paragraph>{step.tekst}</Paragraph>}
              {step.toelichtingen.map((toelichting) => (
                <Paragraph>{toelichting}</Paragraph>
              ))}
            </Dutch>
          </div>
        </li>
      ))}
    </ol>
  );
}

function Documents({ t, lang, detail }: Texts & { detail: ZaakDetail }) {
  if (!detail.documents) return <Unavailable t={t} />;
  if (detail.documents.length === 0) return <Paragraph>{t('zaak.documents.empty')}</Paragraph>;
  const base = `${zaakHref(detail.zaak)}/documenten`;
  return (
    <Table
      caption={t('zaak.documents.caption')}
      captionHidden
      head={[t('zaak.documents.column.title'), t('zaak.documents.column.type'), t('zaak.documents.column.date'), t('zaak.documents.column.size')]}
      rows={detail.documents.map((document) => ({
        key: document.uuid,
        // The same from page to page while the zaak is kept: rendered once per language (and zaak, whose address the link holds).
        keep: { owner: document, variant: `${lang}\u0000${base}` },
        cells: () => [
          <a class="utrecht-link utrecht-link--html-a" href={`${base}/${encodeURIComponent(document.uuid)}`} download={document.bestandsnaam}>
            <Dutch>{document.titel}</Dutch>
            <span class="voordeur-visually-hidden">
              {' '}
              (<Message t={t} id="zaak.documents.download" params={{ titel: <Dutch>{document.bestandsnaam}</Dutch> }} />)
            </span>
          </a>,
          document.type ? <Dutch>{document.type}</Dutch> : '',
          <DateText lang={lang} value={document.datum} />,
          document.grootte !== undefined ? formatBytes(lang, t, document.grootte) : '',
        ],
      }))}
    />
  );
}

function UploadForm({ t, zaak, upload }: { t: Translate; zaak: Zaak; upload: UploadState }) {
  const error = (field: string) => upload.errors.find((e) => e.field === field)?.message;
  return (
    <>
      <Paragraph>{t('zaak.upload.intro')}</Paragraph>
      {upload.failed && (
        <Alert type="error" role="alert">
          {t('zaak.upload.error.failed')}
        </Alert>
      )}
      <ErrorSummary errors={upload.errors} title={t('form.errors.title')} />
      <Form action={`${zaakHref(zaak)}/documenten`} csrfToken={upload.csrfToken} multipart>
        <TextField
          id="titel"
          name="titel"
          label={t('zaak.upload.titel')}
          description={t('zaak.upload.titel.description')}
          value={upload.titel}
          error={error('titel')}
        />
        <FileField
          id="bestand"
          name="bestand"
          label={t('zaak.upload.file')}
          description={t('zaak.upload.rules', { types: upload.allowedTypes, size: upload.maxSize })}
          accept={upload.accept}
          error={error('bestand')}
        />
        <Button>{t('zaak.upload.submit')}</Button>
      </Form>
    </>
  );
}
