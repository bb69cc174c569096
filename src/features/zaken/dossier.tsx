/** The zaken in a person's dossier in the medewerkersportaal: every zaak, read only, without the zaaktypen the staff member may not see. */
import { type Availability, available } from '../../domain/availability.ts';
import type { Zaak } from '../../domain/zaak.ts';
import type { DossierView } from '../../platform/http/feature.ts';
import { formatDate } from '../../platform/i18n/format.ts';
import { Paragraph, Table } from '../../platform/ui/components.tsx';
import { DossierSection } from '../../platform/ui/sections.tsx';
import type { ZakenLists } from './service.ts';

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
                  <span lang="nl">{zaak.omschrijving}</span> ({zaak.identificatie}){zaak.organisatie && <> · {zaak.organisatie}</>}
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
