/**
 * Mijn zaken on the overzicht: how many zaken are lopend, the one to look at first (one the
 * organisation is late with, else the one changed last) and the way to the list.
 */
import type { Availability } from '../../domain/availability.ts';
import type { Zaak } from '../../domain/zaak.ts';
import type { OverviewCard } from '../../platform/http/feature.ts';
import { formatDate, isoDay } from '../../platform/i18n/format.ts';
import type { Lang, Translate } from '../../platform/i18n/index.ts';
import type { ZakenLists } from './service.ts';
import { zaakHref } from './views.tsx';

/** A lopende zaak past the day it was to be done at the latest. */
const isLate = (zaak: Zaak, today: string) => zaak.uiterlijkeEinddatumAfdoening !== undefined && zaak.uiterlijkeEinddatumAfdoening < today;

export function zakenCard(t: Translate, lang: Lang, lists: Availability<ZakenLists>, now: Date): OverviewCard {
  const title = t('zaken.title');
  const action = { href: '/zaken', label: t('overzicht.zaken.all') };
  if (lists.unavailable) return { title, count: 0, countLabel: '', empty: t('error.unavailable'), action, priority: 'none', hasAny: true, unavailable: true };
  const { lopend, afgerond } = lists.value;
  const today = isoDay(now);
  const changedLast = [...lopend].sort((a, b) => b.laatsteWijziging.getTime() - a.laatsteWijziging.getTime());
  const first = changedLast.find((zaak) => isLate(zaak, today)) ?? changedLast[0];
  return {
    title,
    count: lopend.length,
    countLabel: t(lopend.length === 1 ? 'overzicht.zaken.label.one' : 'overzicht.zaken.label'),
    empty: t('overzicht.zaken.count.none'),
    urgent: first && {
      label: t(isLate(first, today) ? 'overzicht.zaken.late' : 'overzicht.zaken.recent'),
      href: zaakHref(first),
      text: first.omschrijving || first.zaaktype,
      dataLang: 'nl',
      note: isLate(first, today)
        ? t('overzicht.zaken.lateNote', { date: formatDate(lang, first.uiterlijkeEinddatumAfdoening!) })
        : t('overzicht.zaken.changed', { date: formatDate(lang, first.laatsteWijziging) }),
    },
    action,
    priority: lopend.length > 0 ? 'attention' : 'none',
    hasAny: lopend.length + afgerond.length > 0,
  };
}
