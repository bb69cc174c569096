/**
 * Mijn taken on the overzicht: how many taken are open, the one to do first (a taak past its
 * deadline, else the one due soonest) and the way to the list. A taak past its deadline puts the
 * card among the first.
 */
import type { Availability } from '../../domain/availability.ts';
import { isOverdue, type Taak } from '../../domain/taak.ts';
import type { OverviewCard } from '../../platform/http/feature.ts';
import { formatDate } from '../../platform/i18n/format.ts';
import type { Lang, Translate } from '../../platform/i18n/index.ts';
import { taakHref } from './views.tsx';

export function takenCard(t: Translate, lang: Lang, lists: Availability<{ open: Taak[]; afgerond: Taak[] }>, now: Date): OverviewCard {
  const title = t('taken.title');
  const action = { href: '/taken', label: t('overzicht.taken.all') };
  if (lists.unavailable) return { title, count: 0, countLabel: '', empty: t('error.unavailable'), action, priority: 'none', hasAny: true, unavailable: true };
  // The open taken come soonest due first: one past its deadline is first.
  const { open, afgerond } = lists.value;
  const first = open[0];
  const late = open.some((taak) => isOverdue(taak, now));
  return {
    title,
    count: open.length,
    countLabel: t(open.length === 1 ? 'overzicht.taken.label.one' : 'overzicht.taken.label'),
    empty: t('overzicht.taken.none'),
    urgent: first && {
      label: t('overzicht.taken.first'),
      href: taakHref(first),
      text: first.titel,
      dataLang: 'nl',
      ...(first.verloopdatum ? { note: t('overzicht.uiterlijk', { date: formatDate(lang, first.verloopdatum) }) } : {}),
      ...(isOverdue(first, now) ? { warning: t('taken.overdue') } : {}),
    },
    action,
    priority: late ? 'act' : open.length > 0 ? 'attention' : 'none',
    hasAny: open.length + afgerond.length > 0,
  };
}
