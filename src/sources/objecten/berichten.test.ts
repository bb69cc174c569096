import { describe, expect, it } from 'vitest';
import { toBericht } from './berichten.ts';

const uuid = '0b7e6bb1-4f3c-4f39-9d1b-3f1d5c3a9e01';
const identificatie = { type: 'bsn', value: '999990019' };

describe('Bericht data as a Bericht', () => {
  const data = { identificatie, onderwerp: 'Uw aanvraag', berichtTekst: 'Zie https://example.nl', publicatiedatum: '2026-11-01', bijlages: [] };

  it('reads the fields Voordeur shows, trimming empty texts away', () => {
    expect(toBericht(uuid, { ...data, referentie: '  ', handelingsperspectief: 'betalen', einddatumHandelingstermijn: '' })).toEqual({
      uuid,
      onderwerp: 'Uw aanvraag',
      tekst: 'Zie https://example.nl',
      publicatiedatum: new Date('2026-11-01'),
      referentie: undefined,
      handelingsperspectief: 'betalen',
      einddatumHandelingstermijn: undefined,
      geopend: false,
      bijlagen: [],
    });
  });

  it('asks nothing of the person for "informatie ontvangen"', () => {
    expect(toBericht(uuid, { ...data, handelingsperspectief: 'informatie ontvangen' })?.handelingsperspectief).toBeUndefined();
  });

  it('is null for data that does not fit the type', () => {
    expect(toBericht(uuid, { ...data, publicatiedatum: 'gisteren' })).toBeNull();
    expect(toBericht(uuid, { ...data, bijlages: ['geen url'] })).toBeNull();
  });
});
