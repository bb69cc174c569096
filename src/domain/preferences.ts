/**
 * Notification preferences: per channel (e-mail, SMS) and per topic (a change in a zaak, a new
 * taak, a new bericht, a product that is about to end, news of an aanvraag). Someone who never chose gets the defaults: e-mail on, SMS off. A channel
 * is used only with a confirmed address of the kind it sends to.
 */
import type { ContactKind } from './persoon.ts';

export const channels = ['email', 'sms'] as const;
export const topics = ['zaak', 'taak', 'bericht', 'product', 'aanvraag'] as const;
export type Channel = (typeof channels)[number];
export type Topic = (typeof topics)[number];
export type Preferences = Record<Channel, Record<Topic, boolean>>;

export const defaultPreferences: Preferences = {
  email: { zaak: true, taak: true, bericht: true, product: true, aanvraag: true },
  sms: { zaak: false, taak: false, bericht: false, product: false, aanvraag: false },
};

/** The channel that sends to a kind of address. */
export const channelOf: Record<ContactKind, Channel> = { email: 'email', telefoonnummer: 'sms' };
