/**
 * Notify and a person's addresses as the send stage of notifications meets them, for tests of
 * that stage (src/features/notificaties).
 */
import type { DigitaalAdres } from '../../src/domain/persoon.ts';
import type { NotifyError } from '../../src/sources/notify/notify.ts';

/**
 * A Notify that takes 50 ms per message and records what it got; `fail(channel)` says what error,
 * if any, a send on that channel gets now.
 */
export function fakeNotify(fail: (channel: 'email' | 'sms') => NotifyError | undefined = () => undefined) {
  const sent: { channel: 'email' | 'sms'; reference: string }[] = [];
  const accept = async (channel: 'email' | 'sms', reference: string) => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const error = fail(channel);
    if (error) throw error;
    sent.push({ channel, reference });
    return { id: `notify-${sent.length}` };
  };
  return {
    sent,
    client: {
      sendEmail: (_template: string, _to: string, _personalisation: Record<string, string>, reference: string) => accept('email', reference),
      sendSms: (_template: string, _to: string, _personalisation: Record<string, string>, reference: string) => accept('sms', reference),
      sentWithReference: async (reference: string) => (sent.some((s) => s.reference === reference) ? 'known' : undefined),
      status: async () => 'delivered',
    },
  };
}

/** A confirmed e-mail address and phone number (Klantinteracties' digitale adressen). */
export const verifiedAdressen = async (): Promise<DigitaalAdres[]> => [
  { uuid: 'a', soort: 'email', adres: 'suzanne@example.nl', geverifieerd: true },
  { uuid: 'b', soort: 'telefoonnummer', adres: '0612345678', geverifieerd: true },
];

/** The Notify part of the send stage's dependencies, with this fake. */
export const notifyWith = (notify: ReturnType<typeof fakeNotify>) => ({
  contacts: { adressen: verifiedAdressen },
  notify: { client: notify.client, templates: { nl: { email: 'e', sms: 's' } } },
});
