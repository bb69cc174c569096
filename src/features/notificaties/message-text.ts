/**
 * What a message says. The texts themselves are templates at Notify, set up by the
 * organisation; Voordeur fills in what changed, in words from the catalogue ("een nieuwe taak en
 * een nieuw bericht"), the portal's name ("Mijn Omgeving van Gemeente Voorbeeldstad") and its web
 * address as plain text. Never anything personal, and no link.
 */
import { translator, type Lang } from '../../platform/i18n/index.ts';
import type { Topic } from '../../domain/preferences.ts';

/** The portal as messages name it. */
export interface Portal {
  portalName: string;
  organisationName: string;
  /** Its web address without the scheme, e.g. "mijn.voorbeeld.nl". */
  address: string;
}

const order = ['zaak', 'taak', 'bericht', 'product', 'aanvraag'] as const satisfies readonly Topic[];

/** "een wijziging in een van uw zaken en een nieuw bericht": what changed, in words, nothing personal. */
export function whatChanged(topics: Set<Topic>, lang: Lang = 'nl'): string {
  const t = translator(lang);
  const parts = order.filter((topic) => topics.has(topic)).map((topic) => t(`notificatie.wat.${topic}`));
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} ${t('notificatie.wat.en')} ${parts.at(-1)}` : (parts[0] ?? '');
}

/** The personalisation of a Notify template: `wat` changed, in `portaal`, at `adres`. */
export function personalisation(topics: Set<Topic>, lang: Lang, portal: Portal): Record<'wat' | 'portaal' | 'adres', string> {
  const portaal = translator(lang)('notificatie.portaal', { portal: portal.portalName, organisation: portal.organisationName });
  return { wat: whatChanged(topics, lang), portaal, adres: portal.address };
}

/** A web address as messages write it: host and path, no scheme, no trailing slash. */
export function plainAddress(url: URL): string {
  return url.host + url.pathname.replace(/\/$/, '');
}
