/**
 * `npm run beheer -- aanvragen`: the aanvragen received and not yet delivered to the back office
 * (the back office was down, or refused them), oldest first, with their kenmerk, route and the
 * moment of receipt. The person is not named: the kenmerk is what they have on their confirmation.
 */
import type { Undelivered } from '../../sources/voordeur/aanvragen.ts';

export function printUndelivered(aanvragen: Undelivered[], now: Date = new Date()): string {
  if (aanvragen.length === 0) return 'Every aanvraag received has been delivered.\n';
  const lines = aanvragen.map((aanvraag) => {
    const hours = Math.floor((now.getTime() - aanvraag.ontvangenAt.getTime()) / 3_600_000);
    return `${aanvraag.kenmerk}  ${aanvraag.route.padEnd(8)}  received ${aanvraag.ontvangenAt.toISOString()} (${hours} h ago)  "${aanvraag.titel}"  ${aanvraag.id}`;
  });
  return `${lines.join('\n')}\n${aanvragen.length} aanvra${aanvragen.length === 1 ? 'ag' : 'gen'} not yet delivered (see 'failed' for why a delivery job failed).\n`;
}
