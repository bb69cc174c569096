/**
 * The zaken in a person's dossier in the medewerkersportaal, read only: every zaak without the
 * zaaktypen the staff member may not see, and one zaak's page with its timeline and documents.
 */
import { type Availability, available } from '../../domain/availability.ts';
import { type Zaak, type ZaakDetail, zaakDossierPath } from '../../domain/zaak.ts';
import type { DossierView } from '../../platform/http/feature.ts';
import { formatBytes, formatDate } from '../../platform/i18n/format.ts';
import { DataList, Heading, Link, Paragraph, Table } from '../../platform/ui/components.tsx';
import { DossierSection, Unavailable } from '../../platform/ui/sections.tsx';
import type { ZakenLists } from './service.ts';
import { StatusSection } from './views.tsx';

export function ZakenDossier({ view, lists }: { view: DossierView; lists: Availability<ZakenLists> }) {
  const { t, lang } = view;
  const zaken: Availability<Zaak[]> = lists.unavailable
    ? lists
    : available([...lists.value.lopend, ...lists.value.afgerond].filter((zaak) => view.mayZaaktype(zaak.zaaktype)));
  return (
    <DossierSection t={t} id="zaken" title={t('medewerkers.dossier.zaken')} result={zaken} empty={t('medewerkers.dossier.zaken.empty')}>
      {(items) => (
        <>
          {!lists.unavailable && lists.missing && <Paragraph>{t('medewerkers.dossier.incomplete')}</Paragraph>}
          <Table
            caption={t('nav.zaken')}
            captionHidden
            head={[t('zaken.column.zaak'), t('zaken.column.zaaktype'), t('zaken.column.status'), t('medewerkers.dossier.gestart'), t('zaken.column.ended')]}
            rows={items.map((zaak) => ({
              key: `${zaak.ref.systeem}/${zaak.ref.uuid}`,
              cells: [
                <>
                  <Link href={view.href('zaken', zaakDossierPath(zaak.ref))}>
                    <span lang="nl">{zaak.omschrijving || zaak.zaaktype}</span>
                  </Link>{' '}
                  ({zaak.identificatie}){zaak.organisatie && <> · {zaak.organisatie}</>}
                </>,
                <span lang="nl">{zaak.zaaktype}</span>,
                zaak.status ? <span lang="nl">{zaak.status.naam}</span> : '',
                formatDate(lang, zaak.startdatum),
                zaak.einddatum ? formatDate(lang, zaak.einddatum) : '',
              ],
            }))}
          />
        </>
      )}
    </DossierSection>
  );
}

/** One zaak as staff see it: what the person sees on its page, without the forms; documents only when the role allows them. */
export function ZaakDossier({ view, detail }: { view: DossierView; detail: ZaakDetail }) {
  const { t, lang } = view;
  const { zaak } = detail;
  const date = (value: string | undefined) => (value ? formatDate(lang, value) : undefined);
  const details = [
    { key: t('zaak.identificatie'), value: zaak.identificatie },
    { key: t('zaak.zaaktype'), value: <span lang="nl">{zaak.zaaktype}</span> },
    ...(zaak.organisatie ? [{ key: t('zaak.organisatie'), value: zaak.organisatie }] : []),
    { key: t('zaak.startdatum'), value: date(zaak.startdatum) },
    ...(zaak.uiterlijkeEinddatumAfdoening && !zaak.einddatum ? [{ key: t('zaak.uiterlijkeEinddatum'), value: date(zaak.uiterlijkeEinddatumAfdoening) }] : []),
    ...(zaak.einddatum ? [{ key: t('zaak.einddatum'), value: date(zaak.einddatum) }] : []),
    ...(detail.resultaat ? [{ key: t('zaak.resultaat.title'), value: <span lang="nl">{detail.resultaat.omschrijving}</span> }] : []),
  ];
  const contact = view.contactAbout(zaak.ref);
  return (
    <>
      <DataList items={details} />
      {contact && (
        <Paragraph>
          <Link href={contact}>{t('medewerkers.zaak.gesprek')}</Link>
        </Paragraph>
      )}
      <StatusSection t={t} lang={lang} title={t('medewerkers.zaak.status')} timeline={detail.timeline} />
      {view.may('documenten') && (
        <section aria-labelledby="zaak-documents-title">
          <Heading level={2} id="zaak-documents-title">
            {t('zaak.documents.title')}
          </Heading>
          {!detail.documents ? (
            <Unavailable t={t} />
          ) : detail.documents.length === 0 ? (
            <Paragraph>{t('zaak.documents.empty')}</Paragraph>
          ) : (
            <Table
              caption={t('zaak.documents.caption')}
              captionHidden
              head={[t('zaak.documents.column.title'), t('zaak.documents.column.type'), t('zaak.documents.column.date'), t('zaak.documents.column.size')]}
              rows={detail.documents.map((document) => ({
                key: document.uuid,
                cells: [
                  <span lang="nl">{document.titel}</span>,
                  document.type ? <span lang="nl">{document.type}</span> : '',
                  formatDate(lang, document.datum),
                  document.grootte !== undefined ? formatBytes(lang, t, document.grootte) : '',
                ],
              }))}
            />
          )}
        </section>
      )}
    </>
  );
}
