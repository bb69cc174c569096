/**
 * The messages sent to a person, in their dossier in the medewerkersportaal: when, by which
 * channel, and what became of them (delivered, bounced, not sent and why), so that a staff member
 * can explain why someone was not told and what to change.
 */
import { available } from '../../domain/availability.ts';
import type { DossierView } from '../../platform/http/feature.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { formatShortDateTime } from '../../platform/i18n/format.ts';
import { Button, Form, Table } from '../../platform/ui/components.tsx';
import { DossierSection } from '../../platform/ui/sections.tsx';
import { didNotArrive, type SentMessage } from '../../sources/voordeur/notification-messages.ts';

const knownReasons = new Set(['geen-bevestigd-adres', 'geen-notify', 'voorkeur-uit']);
const knownDeliveries = new Set(['delivered', 'permanent-failure', 'temporary-failure', 'technical-failure']);

/** What became of a message, in words. */
export function outcomeKey(message: SentMessage): MessageKey {
  if (message.state === 'skipped')
    return `meldingen.outcome.skipped.${message.reason && knownReasons.has(message.reason) ? message.reason : 'other'}` as MessageKey;
  if (message.state === 'failed') return 'meldingen.outcome.failed';
  if (message.state === 'sending') return 'meldingen.outcome.sending';
  if (message.deliveryStatus && knownDeliveries.has(message.deliveryStatus)) return `meldingen.outcome.${message.deliveryStatus}` as MessageKey;
  return 'meldingen.outcome.sent';
}

export function MeldingenDossier({ view, messages }: { view: DossierView; messages: SentMessage[] }) {
  const { t, lang } = view;
  // A message that did not arrive can be sent again, once: not when it was already.
  const resend = view.action('notificaties', 'opnieuw-versturen');
  const ids = new Set(messages.map((m) => m.id));
  const mayResend = (message: SentMessage) => resend && didNotArrive(message) && !ids.has(`${message.id}:opnieuw`);
  const withAction = messages.some(mayResend);
  return (
    <DossierSection t={t} id="meldingen" title={t('meldingen.title')} result={available(messages)} empty={t('meldingen.empty')}>
      {(items) => (
        <Table
          caption={t('meldingen.caption')}
          captionHidden
          head={[t('meldingen.wanneer'), t('meldingen.kanaal'), t('meldingen.uitkomst'), ...(withAction ? [t('meldingen.actie')] : [])]}
          rows={items.map((message) => ({
            key: message.id,
            cells: [
              <time dateTime={(message.sentAt ?? message.createdAt).toISOString()}>{formatShortDateTime(lang, message.sentAt ?? message.createdAt)}</time>,
              t(`voorkeuren.channel.${message.channel}` as MessageKey),
              t(outcomeKey(message)),
              ...(withAction
                ? [
                    resend && mayResend(message) ? (
                      <Form action={resend.url} csrfToken={resend.csrfToken}>
                        <input type="hidden" name="bericht" value={message.id} />
                        <Button appearance="secondary-action">
                          {t('meldingen.resend.button')}
                          <span class="voordeur-visually-hidden">
                            {' '}
                            {t('meldingen.resend.which', {
                              kanaal: t(`voorkeuren.channel.${message.channel}` as MessageKey),
                              wanneer: formatShortDateTime(lang, message.sentAt ?? message.createdAt),
                            })}
                          </span>
                        </Button>
                      </Form>
                    ) : (
                      ''
                    ),
                  ]
                : []),
            ],
          }))}
        />
      )}
    </DossierSection>
  );
}
