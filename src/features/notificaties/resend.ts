/**
 * "Opnieuw versturen" in the medewerkersportaal: a message that did not reach the person (Notify
 * refused it, or it bounced) is sent once more, to the address the person has confirmed by now —
 * typically after they corrected it in Mijn gegevens while on the phone. The send stage delivers
 * it (NotificationMessages.resend); the person's processing log records the read of their
 * addresses and the message added, as the staff member's.
 */
import { isSourceFailure } from '../../domain/availability.ts';
import type { Subject } from '../../domain/identity.ts';
import type { DigitaalAdres } from '../../domain/persoon.ts';
import { channelOf } from '../../domain/preferences.ts';
import type { ProcessingLog } from '../../platform/audit/processing-log.ts';
import type { DossierAction } from '../../platform/http/feature.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import type { NotificationMessages } from '../../sources/voordeur/notification-messages.ts';

export interface ResendDeps {
  messages: Pick<NotificationMessages, 'resend'>;
  /** The person's addresses (the Klantinteracties API); without it nothing can be sent again. */
  contacts?: { adressen(subject: Subject): Promise<DigitaalAdres[]> };
  processingLog?: ProcessingLog;
}

const refusals: Record<'unknown' | 'arrived' | 'already' | 'too-old' | 'no-address', { message: MessageKey; status: 400 | 409 }> = {
  unknown: { message: 'meldingen.resend.unknown', status: 400 },
  arrived: { message: 'meldingen.resend.arrived', status: 409 },
  already: { message: 'meldingen.resend.already', status: 409 },
  'too-old': { message: 'meldingen.resend.tooOld', status: 409 },
  'no-address': { message: 'meldingen.resend.noAddress', status: 409 },
};

export function resendAction(deps: ResendDeps): DossierAction {
  return {
    kind: 'notificaties',
    done: 'meldingen.resend.done',
    async run(view, form) {
      const { contacts } = deps;
      if (!contacts) return { ok: false, message: 'meldingen.resend.unavailable', status: 503 };
      const { identity, requestId } = view.caller;
      let adressen: DigitaalAdres[];
      try {
        adressen = await contacts.adressen(identity.subject);
      } catch (error) {
        if (!isSourceFailure(error)) throw error;
        view.caller.log.warn({ source: error.source, detail: error.message }, 'addresses not read: notification not sent again');
        return { ok: false, message: 'meldingen.resend.unavailable', status: 503 };
      }
      const { outcome } = await deps.messages.resend(identity.subject, (form.bericht ?? '').slice(0, 200), (channel) =>
        adressen.some((a) => channelOf[a.soort] === channel && a.geverifieerd),
      );
      await deps.processingLog?.record(
        identity,
        [
          { action: 'lezen', category: 'contactgegevens', source: 'klantinteracties' },
          ...(outcome === 'resent' ? [{ action: 'toevoegen' as const, category: 'meldingen' as const, source: 'voordeur' }] : []),
        ],
        requestId,
      );
      return outcome === 'resent' ? { ok: true } : { ok: false, ...refusals[outcome] };
    },
  };
}
