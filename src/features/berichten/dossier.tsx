/**
 * The berichten in a person's dossier in the medewerkersportaal: onderwerp, date, sender and
 * whether the person opened and archived it. A staff member does not open them: that would mark
 * them read.
 */
import type { Availability, Listed } from '../../domain/availability.ts';
import type { BerichtInLijst } from '../../domain/bericht.ts';
import type { DossierView } from '../../platform/http/feature.ts';
import { formatDate } from '../../platform/i18n/format.ts';
import { Paragraph, Table } from '../../platform/ui/components.tsx';
import { DossierSection } from '../../platform/ui/sections.tsx';

export function BerichtenDossier({
  view,
  inbox,
  organisationName,
}: {
  view: DossierView;
  inbox: Availability<Listed<BerichtInLijst>>;
  organisationName: string;
}) {
  const { t, lang } = view;
  const berichten: Availability<BerichtInLijst[]> = inbox.unavailable ? inbox : { unavailable: false, value: inbox.value.items };
  return (
    <DossierSection t={t} id="berichten" title={t('medewerkers.dossier.berichten')} result={berichten} empty={t('medewerkers.dossier.berichten.empty')}>
      {(items) => (
        <>
          {!inbox.unavailable && inbox.value.cutOff && <Paragraph>{t('medewerkers.dossier.incomplete')}</Paragraph>}
          <Table
            caption={t('nav.berichten')}
            captionHidden
            head={[t('berichten.column.onderwerp'), t('berichten.column.datum'), t('berichten.afzender'), t('medewerkers.dossier.geopend')]}
            rows={items.map((bericht) => ({
              key: bericht.uuid,
              cells: [
                <span lang="nl">{bericht.onderwerp}</span>,
                formatDate(lang, bericht.publicatiedatum),
                bericht.afzender ?? organisationName,
                bericht.gearchiveerd
                  ? t(bericht.geopend ? 'medewerkers.dossier.geopend.jaGearchiveerd' : 'medewerkers.dossier.geopend.neeGearchiveerd')
                  : t(bericht.geopend ? 'medewerkers.dossier.geopend.ja' : 'medewerkers.dossier.geopend.nee'),
              ],
            }))}
          />
        </>
      )}
    </DossierSection>
  );
}
