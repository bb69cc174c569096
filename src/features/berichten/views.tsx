/** The pages of Mijn berichten: the inbox with its filter and search, one bericht, and the overzicht block. */
import { berichtFilters, textParts, type Bericht, type BerichtFilter, type BerichtInLijst } from '../../domain/bericht.ts';
import type { Lang, MessageKey, Translate } from '../../platform/i18n/index.ts';
import type { Availability } from '../../domain/availability.ts';
import type { Paged } from '../../platform/http/paging.ts';
import { Alert, Button, DataList, DateText, Dutch, Form, Heading, Link, Paragraph, SearchField, Table } from '../../platform/ui/components.tsx';
import { Downloads, PagedSection, Unavailable } from '../../platform/ui/sections.tsx';
import type { BerichtLinks, Bijlage } from './service.ts';
import { zaakPath } from '../../domain/zaak.ts';

interface Texts {
  t: Translate;
  lang: Lang;
}

export { berichtFilters, type BerichtFilter } from '../../domain/bericht.ts';

/** What the inbox says after a bericht was archived or put back (POST-redirect-GET). */
export const archiefMeldingen = ['gearchiveerd', 'teruggezet'] as const;
export type ArchiefMelding = (typeof archiefMeldingen)[number];

export const berichtHref = (bericht: Pick<Bericht, 'uuid'>) => `/berichten/${encodeURIComponent(bericht.uuid)}`;

/** "Ongelezen" in words, not only in bold. */
function Unread({ t }: { t: Translate }) {
  return <span class="voordeur-badge">{t('berichten.unread')}</span>;
}

/** The inbox: one page of the berichten that match the filter and search; `cutOff` when the person has more berichten than are read (the page says so). */
export function InboxPage({
  t,
  lang,
  inbox,
  filter,
  zoek,
  senders = [],
  van = '',
  cutOff = false,
  archief,
}: Texts & {
  inbox: Availability<Paged<BerichtInLijst>>;
  filter: BerichtFilter;
  zoek: string;
  senders?: string[];
  van?: string;
  cutOff?: boolean;
  archief?: ArchiefMelding;
}) {
  return (
    <>
      <Heading level={1}>{t('berichten.title')}</Heading>
      <Paragraph lead>{t('berichten.intro')}</Paragraph>
      {archief && (
        <Alert type="ok" role="status" id="archief-melding">
          {t(`berichten.archief.${archief}` as MessageKey)}{' '}
          {archief === 'gearchiveerd' ? (
            <Link href="/berichten?toon=gearchiveerd">{t('berichten.archief.naarArchief')}</Link>
          ) : (
            <Link href="/berichten">{t('berichten.archief.naarInbox')}</Link>
          )}
        </Alert>
      )}
      {cutOff && <Alert type="info">{t('berichten.cutOff')}</Alert>}
      <form class="voordeur-search" method="get" action="/berichten" role="search">
        <SearchField id="zoek" name="zoek" label={t('berichten.search.label')} value={zoek} />
        <div class="utrecht-form-field utrecht-form-field--select">
          <div class="utrecht-form-field__label">
            <label class="utrecht-form-label" for="toon">
              {t('berichten.filter.label')}
            </label>
          </div>
          <div class="utrecht-form-field__input">
            <select class="utrecht-select utrecht-select--html-select" id="toon" name="toon">
              {berichtFilters.map((option) => (
                <option value={option} selected={option === filter}>
                  {t(`berichten.filter.${option}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {senders.length > 1 && (
          <div class="utrecht-form-field utrecht-form-field--select">
            <div class="utrecht-form-field__label">
              <label class="utrecht-form-label" for="van">
                {t('berichten.van.label')}
              </label>
            </div>
            <div class="utrecht-form-field__input">
              <select class="utrecht-select utrecht-select--html-select" id="van" name="van">
                <option value="" selected={!van}>
                  {t('berichten.van.alle')}
                </option>
                {senders.map((sender) => (
                  <option value={sender} selected={sender === van}>
                    {sender}
                  </option>
                ))}
              </select>
            </div>
          </div>
        )}
        <Button appearance="secondary-action">{t('berichten.search.button')}</Button>
      </form>
      {inbox.unavailable ? (
        <Unavailable t={t} />
      ) : (
        <PagedSection
          t={t}
          id="berichten-list"
          title={t(`berichten.list.${filter}` as MessageKey)}
          name={t('berichten.title')}
          count={inbox.value.total === 1 ? t('berichten.count.one') : t('berichten.count', { n: inbox.value.total })}
          empty={zoek || van || filter !== 'alle' ? t('berichten.emptySearch') : t('berichten.empty')}
          paged={inbox.value}
          intro={
            (zoek || van || filter !== 'alle') && (
              <Paragraph>
                {zoek && `${t('berichten.search.result', { zoek })} `}
                <Link href="/berichten">{t('berichten.search.clear')}</Link>
              </Paragraph>
            )
          }
        >
          {(berichten) => (
            <Table
              caption={t(`berichten.list.${filter}` as MessageKey)}
              captionHidden
              head={[t('berichten.column.onderwerp'), t('berichten.column.datum'), t('berichten.column.actie')]}
              rows={berichten.map((bericht) => ({
                key: bericht.uuid,
                className: bericht.geopend ? undefined : 'voordeur-unread',
                cells: [
                  <>
                    {!bericht.geopend && (
                      <>
                        <Unread t={t} />{' '}
                      </>
                    )}
                    <Link href={berichtHref(bericht)}>
                      <Dutch>{bericht.onderwerp}</Dutch>
                    </Link>
                    {bericht.bijlagen.length > 0 && <span class="voordeur-secondary"> ({t('berichten.hasBijlagen')})</span>}
                    {bericht.afzender && (
                      <>
                        <br />
                        <span class="voordeur-secondary">{t('berichten.van', { afzender: bericht.afzender })}</span>
                      </>
                    )}
                  </>,
                  <DateText lang={lang} value={bericht.publicatiedatum} />,
                  bericht.handelingsperspectief ? <Action t={t} lang={lang} bericht={bericht} /> : '',
                ],
              }))}
            />
          )}
        </PagedSection>
      )}
    </>
  );
}

/** What the person is asked to do, and until when. */
function Action({ t, lang, bericht }: Texts & { bericht: BerichtInLijst }) {
  const until = bericht.einddatumHandelingstermijn;
  const passed = until !== undefined && until.getTime() < Date.now();
  return (
    <>
      {bericht.handelingsperspectief === 'betalen' || bericht.handelingsperspectief === 'informatie verstrekken'
        ? t(`berichten.actie.${bericht.handelingsperspectief}` as MessageKey)
        : bericht.handelingsperspectief && <Dutch>{bericht.handelingsperspectief}</Dutch>}
      {until && (
        <>
          {' '}
          {passed ? (
            <span>
              ({t('berichten.termijn.passed')} <DateText lang={lang} value={until} />)
            </span>
          ) : (
            <span>
              ({t('berichten.termijn.until')} <DateText lang={lang} value={until} />)
            </span>
          )}
        </>
      )}
    </>
  );
}

/** Plain text with its line breaks, and web addresses as links; never HTML. */
function PlainText({ text }: { text: string }) {
  const paragraphs = text.split(/\r?\n\s*\r?\n/).filter((p) => p.trim() !== '');
  return (
    <div class="voordeur-message-text" lang="nl">
      {paragraphs.map((paragraph) => (
        <p class="utrecht-paragraph">
          {textParts(paragraph).map((line, i) => (
            <>
              {i > 0 && <br />}
              {line.map((part) =>
                'link' in part ? (
                  <a class="utrecht-link utrecht-link--html-a" href={part.link}>
                    {part.link}
                  </a>
                ) : (
                  part.text
                ),
              )}
            </>
          ))}
        </p>
      ))}
    </div>
  );
}

export function BerichtPage({
  t,
  lang,
  bericht,
  bijlagen,
  links = {},
  csrfToken,
}: Texts & { bericht: Bericht; bijlagen: Availability<Bijlage[]>; links?: BerichtLinks; csrfToken: string }) {
  const action = bericht.handelingsperspectief && <Action t={t} lang={lang} bericht={bericht} />;
  return (
    <>
      <div class="voordeur-no-print">
        <Paragraph>
          <Link href="/berichten">{t('berichten.back')}</Link>
        </Paragraph>
      </div>
      <Heading level={1}>
        <Dutch>{bericht.onderwerp}</Dutch>
      </Heading>
      <DataList
        items={[
          ...(bericht.afzender ? [{ key: t('berichten.afzender'), value: bericht.afzender }] : []),
          { key: t('berichten.column.datum'), value: <DateText lang={lang} value={bericht.publicatiedatum} /> },
          ...(bericht.referentie
            ? [
                {
                  key: t('berichten.referentie'),
                  value: links.zaak ? (
                    <Link href={zaakPath(links.zaak)}>
                      {bericht.referentie}
                      <span class="voordeur-visually-hidden"> ({t('berichten.zaakLink')})</span>
                    </Link>
                  ) : (
                    bericht.referentie
                  ),
                },
              ]
            : []),
          ...(action
            ? [
                {
                  key: t('berichten.column.actie'),
                  value: links.taak ? (
                    <>
                      {action}
                      <br />
                      <Link href={`/taken/${encodeURIComponent(links.taak)}`}>{t('berichten.taakLink')}</Link>
                    </>
                  ) : (
                    action
                  ),
                },
              ]
            : []),
        ]}
      />
      <PlainText text={bericht.tekst} />
      {bericht.bijlagen.length > 0 && (
        <Downloads
          t={t}
          lang={lang}
          id="bijlagen-title"
          title={t('berichten.bijlagen.title')}
          none={t('berichten.bijlagen.none')}
          files={bijlagen}
          href={(index) => `${berichtHref(bericht)}/bijlagen/${index}`}
        />
      )}
      <ArchiefForm t={t} bericht={bericht} csrfToken={csrfToken} />
    </>
  );
}

/** Archiving the bericht, or putting it back in the inbox: one button in a plain form (works without JavaScript). */
function ArchiefForm({ t, bericht, csrfToken }: { t: Translate; bericht: Bericht; csrfToken: string }) {
  return (
    <section class="voordeur-no-print" aria-labelledby="archief-title">
      <Heading level={2} id="archief-title">
        {t('berichten.archief.title')}
      </Heading>
      <Paragraph>{t(bericht.gearchiveerd ? 'berichten.archief.isGearchiveerd' : 'berichten.archief.uitleg')}</Paragraph>
      <Form action={`${berichtHref(bericht)}/archief#archief-melding`} csrfToken={csrfToken}>
        <Button appearance="secondary-action" name="archief" value={bericht.gearchiveerd ? 'nee' : 'ja'}>
          {t(bericht.gearchiveerd ? 'berichten.archief.terugzetten' : 'berichten.archief.archiveren')}
        </Button>
      </Form>
    </section>
  );
}
