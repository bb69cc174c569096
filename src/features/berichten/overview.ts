/**
 * Mijn berichten on the overzicht: how many are unread, the one to read first (one that asks the
 * person to do something — a handelingsperspectief — whose time has not passed, the soonest
 * deadline first; else the newest unread one) and the way to the inbox. Archived berichten are
 * left out. A bericht that asks
 * something puts the card among the first.
 */
import type { Availability, Listed } from '../../domain/availability.ts';
import type { BerichtInLijst } from '../../domain/bericht.ts';
import type { OverviewCard } from '../../platform/http/feature.ts';
import { formatDate } from '../../platform/i18n/format.ts';
import type { Lang, Translate } from '../../platform/i18n/index.ts';
import { isUnread } from './service.ts';
import { berichtHref } from './views.tsx';

/** A bericht that asks something of the person, while they can still do it: unread, or read but with its deadline still to come. */
function asksAction(bericht: BerichtInLijst, now: Date): boolean {
  if (!bericht.handelingsperspectief) return false;
  const termijn = bericht.einddatumHandelingstermijn;
  if (termijn && termijn.getTime() < now.getTime()) return false;
  return !bericht.geopend || termijn !== undefined;
}

const bySoonestTermijn = (a: BerichtInLijst, b: BerichtInLijst) =>
  (a.einddatumHandelingstermijn?.getTime() ?? Number.POSITIVE_INFINITY) - (b.einddatumHandelingstermijn?.getTime() ?? Number.POSITIVE_INFINITY);

/** `unread`: the number of unread berichten counted a moment ago, shown when the inbox cannot be read now. */
export function berichtenCard(t: Translate, lang: Lang, inbox: Availability<Listed<BerichtInLijst>>, now: Date, unread?: number): OverviewCard {
  const title = t('berichten.title');
  const action = { href: '/berichten', label: t('overzicht.berichten.all') };
  const countLabel = (n: number) => t(n === 1 ? 'overzicht.berichten.label.one' : 'overzicht.berichten.label');
  if (inbox.unavailable) {
    if (unread === undefined)
      return { title, count: 0, countLabel: '', empty: t('error.unavailable'), action, priority: 'none', hasAny: true, unavailable: true };
    return {
      title,
      count: unread,
      countLabel: countLabel(unread),
      empty: t('overzicht.berichten.none'),
      action,
      priority: unread > 0 ? 'attention' : 'none',
      hasAny: true,
    };
  }
  // Archived berichten are out of the inbox: not counted, not asked about.
  const berichten = inbox.value.items.filter((bericht) => !bericht.gearchiveerd); // newest first
  const unopened = berichten.filter(isUnread);
  const asking = berichten.filter((bericht) => asksAction(bericht, now)).sort(bySoonestTermijn);
  const first = asking[0] ?? unopened[0];
  return {
    title,
    count: unopened.length,
    countLabel: countLabel(unopened.length),
    empty: t('overzicht.berichten.none'),
    urgent: first && {
      label: t(asking[0] ? 'overzicht.berichten.asks' : 'overzicht.berichten.newest'),
      href: berichtHref(first),
      text: first.onderwerp,
      dataLang: 'nl',
      ...(asking[0] && first.einddatumHandelingstermijn
        ? { note: t('overzicht.uiterlijk', { date: formatDate(lang, first.einddatumHandelingstermijn) }) }
        : { note: t('overzicht.berichten.sent', { date: formatDate(lang, first.publicatiedatum) }) }),
      ...(asking[0] ? { warning: t('overzicht.berichten.actionAsked') } : {}),
    },
    action,
    priority: asking.length > 0 ? 'act' : unopened.length > 0 ? 'attention' : 'none',
    hasAny: inbox.value.items.length > 0,
  };
}
