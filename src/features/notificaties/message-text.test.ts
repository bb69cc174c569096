/** What a message says: the words from the catalogue, in the person's language, nothing personal. */
import { describe, expect, it } from 'vitest';
import { personalisation, plainAddress, whatChanged } from './message-text.ts';

const portal = { portalName: 'Mijn Omgeving', organisationName: 'Gemeente Voorbeeld', address: 'mijn.voorbeeld.nl' };

describe('message text', () => {
  it('names what changed in the order zaak, taak, bericht, joined as a sentence', () => {
    expect(whatChanged(new Set(['bericht', 'zaak', 'taak']))).toBe('een wijziging in een van uw zaken, een nieuwe taak en een nieuw bericht');
    expect(whatChanged(new Set(['bericht', 'taak']), 'en')).toBe('a new task and a new message');
    expect(whatChanged(new Set(['zaak']), 'en')).toBe('a change in one of your cases');
  });

  it('fills the template with what changed, the portal by name and its address as plain text', () => {
    expect(personalisation(new Set(['taak']), 'nl', portal)).toEqual({
      wat: 'een nieuwe taak',
      portaal: 'Mijn Omgeving van Gemeente Voorbeeld',
      adres: 'mijn.voorbeeld.nl',
    });
    expect(personalisation(new Set(['taak']), 'en', portal).portaal).toBe('Mijn Omgeving of Gemeente Voorbeeld');
    expect(plainAddress(new URL('https://mijn.voorbeeld.nl/portaal/'))).toBe('mijn.voorbeeld.nl/portaal');
  });
});
