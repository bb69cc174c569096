/** The pages of Mijn taken: the list, a taak of each soort (its card on the overzicht is in overview.ts). */
import { isOverdue, safeExternalUrl, type Taak } from '../../domain/taak.ts';
import type { Lang, MessageKey, Translate } from '../../platform/i18n/index.ts';
import type { Paged } from '../../platform/http/paging.ts';
import { numberFormat } from '../../platform/i18n/format.ts';
import { Alert, ButtonLink, DataList, DateText, Dutch, Heading, Link, Paragraph, Table } from '../../platform/ui/components.tsx';
import { PagedSection, Unavailable } from '../../platform/ui/sections.tsx';

interface Texts {
  t: Translate;
  lang: Lang;
}

export const taakHref = (taak: Pick<Taak, 'uuid'>) => `/taken/${encodeURIComponent(taak.uuid)}`;

/** € 612,75 in Dutch, EUR 612.75 in English. */
export function formatAmount(lang: Lang, euros: number): string {
  return numberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(euros);
}

/** The verloopdatum, and "te laat" in words when it has passed. */
export function Deadline({ t, lang, taak, now }: Texts & { taak: Taak; now: Date }) {
  if (!taak.verloopdatum) return <span class="voordeur-secondary">{t('taken.geenDatum')}</span>;
  return (
    <>
      <DateText lang={lang} value={taak.verloopdatum} />
      {isOverdue(taak, now) && (
        <>
          {' '}
          <span class="voordeur-badge voordeur-badge--warning">{t('taken.overdue')}</span>
        </>
      )}
    </>
  );
}

function TakenTable({ t, lang, taken, caption, now, done }: Texts & { taken: Taak[]; caption: string; now: Date; done?: boolean }) {
  return (
    <Table
      caption={caption}
      captionHidden
      head={[t('taken.column.titel'), t('taken.column.soort'), done ? t('taken.column.status') : t('taken.column.verloopdatum')]}
      rows={taken.map((taak) => ({
        key: taak.uuid,
        // The row is the same from page to page while the taak is kept: rendered once per language, list and whether it is overdue.
        keep: { owner: taak, variant: `${lang}\u0000${done ? 'done' : isOverdue(taak, now) ? 'overdue' : ''}` },
        cells: () => [
          <Link href={taakHref(taak)}>
            <Dutch>{taak.titel}</Dutch>
          </Link>,
          t(`taken.soort.${taak.soort}` as MessageKey),
          done ? t(`taken.status.${taak.status}` as MessageKey) : <Deadline t={t} lang={lang} taak={taak} now={now} />,
        ],
      }))}
    />
  );
}

/** `cutOff`: the person has more taken than are read; the page says so. */
export function TakenPage({ t, lang, open, afgerond, cutOff = false, now }: Texts & { open: Paged<Taak>; afgerond: Paged<Taak>; cutOff?: boolean; now: Date }) {
  const section = (id: 'open' | 'afgerond', paged: Paged<Taak>, done?: boolean) => {
    const title = t(`taken.${id}.title`);
    return (
      <PagedSection t={t} id={id} title={title} count={t('taken.count', { n: paged.total })} empty={t(`taken.${id}.empty`)} paged={paged}>
        {(taken) => <TakenTable t={t} lang={lang} taken={taken} caption={title} now={now} done={done} />}
      </PagedSection>
    );
  };
  return (
    <>
      <Heading level={1}>{t('taken.title')}</Heading>
      <Paragraph lead>{t('taken.intro')}</Paragraph>
      {cutOff && <Alert type="info">{t('taken.cutOff')}</Alert>}
      {section('open', open)}
      {section('afgerond', afgerond, true)}
    </>
  );
}

/** The top of every taak page: back link, title, verloopdatum, zaak. */
export function TaakHeader({ t, lang, taak, now, zaakHref }: Texts & { taak: Taak; now: Date; zaakHref?: string }) {
  return (
    <>
      <Paragraph>
        <Link href="/taken">{t('taken.back')}</Link>
      </Paragraph>
      <Heading level={1}>
        <Dutch>{taak.titel}</Dutch>
      </Heading>
      <DataList
        items={[
          { key: t('taken.column.status'), value: t(`taken.status.${taak.status}` as MessageKey) },
          ...(taak.status === 'open' ? [{ key: t('taken.column.verloopdatum'), value: <Deadline t={t} lang={lang} taak={taak} now={now} /> }] : []),
          ...(zaakHref ? [{ key: t('taken.zaak'), value: <Link href={zaakHref}>{t('taken.zaak.link')}</Link> }] : []),
        ]}
      />
    </>
  );
}

/** A taak that is done elsewhere: what the page is and where it goes, shown before the person leaves. */
export function UrlTaak({ t, taak }: { t: Translate; taak: Extract<Taak, { soort: 'url' }> }) {
  const url = safeExternalUrl(taak.url);
  if (!url) return <Alert type="warning">{t('taken.url.invalid')}</Alert>;
  if (taak.status !== 'open') return <Paragraph>{t('taken.done')}</Paragraph>;
  return (
    <>
      <Paragraph>{t('taken.url.text', { domein: url.hostname })}</Paragraph>
      <Paragraph>
        <ButtonLink href={url.href}>{t('taken.url.button')}</ButtonLink>
      </Paragraph>
    </>
  );
}

/** On a zaak's page: its open taken (nothing when it has none). */
export function ZaakTaken({ t, lang, taken, now }: Texts & { taken?: Taak[]; now: Date }) {
  if (taken && taken.length === 0) return null;
  return (
    <section aria-labelledby="zaak-taken-title">
      <Heading level={2} id="zaak-taken-title">
        {t('zaak.taken.title')}
      </Heading>
      {taken ? (
        <ul class="utrecht-unordered-list">
          {taken.map((taak) => (
            <li class="utrecht-unordered-list__item">
              <Link href={taakHref(taak)}>
                <Dutch>{taak.titel}</Dutch>
              </Link>
              {taak.verloopdatum && (
                <>
                  {' '}
                  ({t('overzicht.taken.voor')} <Deadline t={t} lang={lang} taak={taak} now={now} />)
                </>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <Unavailable t={t} />
      )}
    </section>
  );
}
