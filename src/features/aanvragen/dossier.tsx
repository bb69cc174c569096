/**
 * The aanvragen in a person's dossier in the medewerkersportaal, read only: what they sent through
 * Voordeur, with its kenmerk (what the person reads out on the phone), when it came in, and whether
 * it has reached the back office yet (delivery runs on the job queue and may wait for a back office
 * that is down), with the zaak it became when there is one.
 */
import type { Availability } from '../../domain/availability.ts';
import type { ZaakRef } from '../../domain/zaak.ts';
import { zaakDossierPath } from '../../domain/zaak.ts';
import type { DossierView } from '../../platform/http/feature.ts';
import { Link, Table } from '../../platform/ui/components.tsx';
import { DossierSection } from '../../platform/ui/sections.tsx';
import type { Received } from '../../sources/voordeur/aanvragen.ts';
import { formatDateTime } from '../../platform/i18n/format.ts';

export function AanvragenDossier({
  view,
  received,
  zaakRef,
}: {
  view: DossierView;
  received: Availability<Received[]>;
  zaakRef?: (zaakUrl: string) => ZaakRef | undefined;
}) {
  const { t, lang } = view;
  return (
    <DossierSection t={t} id="aanvragen" title={t('medewerkers.dossier.aanvragen')} result={received} empty={t('medewerkers.dossier.aanvragen.empty')}>
      {(items) => (
        <Table
          caption={t('medewerkers.dossier.aanvragen')}
          captionHidden
          head={[t('medewerkers.dossier.aanvraag'), t('aanvragen.kenmerk'), t('aanvragen.ontvangen.op'), t('medewerkers.dossier.status')]}
          rows={items.map((aanvraag) => {
            const ref = aanvraag.zaakUrl ? zaakRef?.(aanvraag.zaakUrl) : undefined;
            return {
              key: aanvraag.id,
              cells: [
                <span lang="nl">{aanvraag.titel}</span>,
                aanvraag.kenmerk,
                formatDateTime(lang, aanvraag.ontvangenAt),
                !aanvraag.afgeleverd ? (
                  <strong>{t('medewerkers.dossier.aanvraag.wacht')}</strong>
                ) : ref ? (
                  <>
                    {t('medewerkers.dossier.aanvraag.zaak')}{' '}
                    <Link href={view.href('zaken', zaakDossierPath(ref))}>{t('medewerkers.dossier.aanvraag.zaakLink')}</Link>
                  </>
                ) : (
                  t('medewerkers.dossier.aanvraag.afgeleverd')
                ),
              ],
            };
          })}
        />
      )}
    </DossierSection>
  );
}
