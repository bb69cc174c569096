/** The taken in a person's dossier in the medewerkersportaal: open and done, read only. */
import { type Availability, available } from '../../domain/availability.ts';
import type { Taak } from '../../domain/taak.ts';
import type { DossierView } from '../../platform/http/feature.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { formatDate } from '../../platform/i18n/format.ts';
import { Paragraph, Table } from '../../platform/ui/components.tsx';
import { DossierSection } from '../../platform/ui/sections.tsx';

export function TakenDossier({ view, lists }: { view: DossierView; lists: Availability<{ open: Taak[]; afgerond: Taak[]; cutOff: boolean }> }) {
  const { t, lang } = view;
  const taken: Availability<Taak[]> = lists.unavailable ? lists : available([...lists.value.open, ...lists.value.afgerond]);
  return (
    <DossierSection t={t} id="taken" title={t('medewerkers.dossier.taken')} result={taken} empty={t('medewerkers.dossier.taken.empty')}>
      {(items) => (
        <>
          {!lists.unavailable && lists.value.cutOff && <Paragraph>{t('medewerkers.dossier.incomplete')}</Paragraph>}
          <Table
            caption={t('nav.taken')}
            captionHidden
            head={[t('taken.column.titel'), t('medewerkers.dossier.status'), t('taken.column.verloopdatum')]}
            rows={items.map((taak) => ({
              key: taak.uuid,
              cells: [
                <span lang="nl">{taak.titel}</span>,
                t(`taken.status.${taak.status}` as MessageKey),
                taak.verloopdatum ? formatDate(lang, taak.verloopdatum) : '',
              ],
            }))}
          />
        </>
      )}
    </DossierSection>
  );
}
