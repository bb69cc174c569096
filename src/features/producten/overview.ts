/**
 * Mijn producten on the overzicht: how many of the person's products end soon, the one that ends
 * first, and the way to the list.
 */
import type { Availability } from '../../domain/availability.ts';
import type { OverviewCard } from '../../platform/http/feature.ts';
import { formatDate } from '../../platform/i18n/format.ts';
import type { Lang, Translate } from '../../platform/i18n/index.ts';
import type { ProductenSummary } from './service.ts';
import { productHref } from './views.tsx';

export function productenCard(t: Translate, lang: Lang, summary: Availability<ProductenSummary>): OverviewCard {
  const title = t('producten.title');
  const action = { href: '/producten', label: t('overzicht.producten.all') };
  if (summary.unavailable) return { title, count: 0, countLabel: '', empty: t('error.unavailable'), action, priority: 'none', hasAny: true, unavailable: true };
  const { count, expiringCount, expiring } = summary.value;
  return {
    title,
    count: expiringCount,
    countLabel: t(expiringCount === 1 ? 'overzicht.producten.label.one' : 'overzicht.producten.label'),
    empty: count === 0 ? t('overzicht.producten.none') : t(count === 1 ? 'overzicht.producten.allValid.one' : 'overzicht.producten.allValid', { n: count }),
    urgent: expiring && {
      label: t('overzicht.producten.verlooptBinnenkort'),
      href: productHref(expiring),
      text: expiring.naam,
      dataLang: 'nl',
      ...(expiring.eindDatum ? { note: t('overzicht.producten.until', { date: formatDate(lang, expiring.eindDatum) }) } : {}),
    },
    action,
    priority: expiringCount > 0 ? 'attention' : 'none',
    hasAny: count > 0,
  };
}
