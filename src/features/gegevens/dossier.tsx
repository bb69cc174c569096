/**
 * Mijn gegevens in a person's dossier in the medewerkersportaal, read only: personal or company
 * data (when the role allows it), contact details with whether they are confirmed and whether the
 * last message to them bounced, the choices for notifications, and the contactmomenten.
 */
import type { ComponentChildren } from 'preact';
import { type Availability, available } from '../../domain/availability.ts';
import { shownContact, type ContactKind } from '../../domain/persoon.ts';
import { channels, topics } from '../../domain/preferences.ts';
import type { DossierView } from '../../platform/http/feature.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { formatDate } from '../../platform/i18n/format.ts';
import { Button, DataList, Form, Heading, Table } from '../../platform/ui/components.tsx';
import { DossierSection } from '../../platform/ui/sections.tsx';
import type { GegevensOverview } from './service.ts';
import { BedrijfBlock, contactKinds, PersoonBlock } from './views.tsx';

function Block({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="voordeur-block" aria-labelledby={`dossier-${id}-title`}>
      <Heading level={2} id={`dossier-${id}-title`}>
        {title}
      </Heading>
      {children}
    </section>
  );
}

export function GegevensDossier({ view, overview }: { view: DossierView; overview: GegevensOverview }) {
  const { t, lang } = view;
  const { adressen, undeliverable, preferences } = overview;
  const contactAdressen: Availability<ContactKind[]> | undefined = adressen && (adressen.unavailable ? adressen : available([...contactKinds]));
  const reverify = view.action('gegevens', 'opnieuw-bevestigen');
  return (
    <>
      {overview.persoon && <PersoonBlock t={t} lang={lang} persoon={overview.persoon} howToCorrect={false} />}
      {overview.bedrijf && <BedrijfBlock t={t} bedrijf={overview.bedrijf} howToCorrect={false} />}
      {view.may('contactgegevens') && contactAdressen && (
        <DossierSection t={t} id="contact" title={t('contact.title')} result={contactAdressen} empty="">
          {(kinds) => (
            <DataList
              items={kinds.map((kind) => {
                const adres = !adressen?.unavailable ? adressen?.value.find((a) => a.soort === kind) : undefined;
                const bounced = adres && undeliverable.some((u) => u.uuid === adres.uuid);
                return {
                  key: t(`contact.${kind}` as MessageKey),
                  value: adres ? (
                    <>
                      {shownContact(kind, adres.adres)} {t(adres.geverifieerd ? 'medewerkers.dossier.bevestigd' : 'contact.unverified')}
                      {bounced && (
                        <>
                          <br />
                          <strong>{t('contact.undeliverable.label')}</strong> {t('medewerkers.dossier.onbestelbaar')}
                        </>
                      )}
                      {reverify && adres.geverifieerd && (
                        <Form action={reverify.url} csrfToken={reverify.csrfToken}>
                          <input type="hidden" name="soort" value={kind} />
                          <Button appearance="secondary-action">{t(`medewerkers.reverify.button.${kind}` as MessageKey)}</Button>
                        </Form>
                      )}
                    </>
                  ) : (
                    t('contact.none')
                  ),
                };
              })}
            />
          )}
        </DossierSection>
      )}
      {preferences && (
        <Block id="voorkeuren" title={t('voorkeuren.title')}>
          <DataList
            items={channels.map((channel) => {
              const on = topics.filter((topic) => preferences[channel][topic]);
              return {
                key: t(`voorkeuren.channel.${channel}` as MessageKey),
                value: on.length ? on.map((topic) => t(`voorkeuren.topic.${topic}` as MessageKey)).join(', ') : t('voorkeuren.geen'),
              };
            })}
          />
        </Block>
      )}
      {view.may('contactmomenten') && overview.contactmomenten && (
        <DossierSection
          t={t}
          id="contactmomenten"
          title={t('medewerkers.dossier.contactmomenten')}
          result={overview.contactmomenten}
          empty={t('contactmomenten.empty')}
        >
          {(contacten) => (
            <Table
              caption={t('contactmomenten.caption')}
              captionHidden
              head={[t('contactmomenten.onderwerp'), t('contactmomenten.datum'), t('contactmomenten.kanaal')]}
              rows={contacten.map((c) => ({
                key: c.uuid,
                cells: [<span lang="nl">{c.onderwerp || t('contactmomenten.geenOnderwerp')}</span>, c.datum ? formatDate(lang, c.datum) : '', c.kanaal],
              }))}
            />
          )}
        </DossierSection>
      )}
    </>
  );
}
