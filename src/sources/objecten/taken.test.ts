import { describe, expect, it } from 'vitest';
import { toTaak } from './taken.ts';

const uuid = '0b7e6bb1-4f3c-4f39-9d1b-3f1d5c3a9e01';
const identificatie = { type: 'bsn', value: '999990019' };

describe('TaakV2 data as a Taak', () => {
  it('reads each soort, with its zaak when the koppeling names one', () => {
    const base = { identificatie, titel: 'Lever uw inkomensgegevens aan', status: 'open', verloopdatum: '2026-12-24T12:00:00Z' };
    expect(toTaak(uuid, { ...base, soort: 'url', url: { uri: 'https://example.nl/formulier' }, koppeling: { registratie: 'zaak', value: 'z-1' } })).toEqual({
      uuid,
      titel: base.titel,
      status: 'open',
      verloopdatum: new Date(base.verloopdatum),
      zaakUuid: 'z-1',
      soort: 'url',
      url: 'https://example.nl/formulier',
    });
    expect(
      toTaak(uuid, {
        ...base,
        soort: 'portaalformulier',
        portaalformulier: { formulier: { soort: 'url', value: 'https://objecten/f' }, data: { naam: 'Jan' } },
      }),
    ).toMatchObject({ soort: 'portaalformulier', formulierUrl: 'https://objecten/f', prefill: { naam: 'Jan' }, verzonden: undefined });
    expect(toTaak(uuid, { ...base, soort: 'ogonebetaling', ogonebetaling: { bedrag: 12.5, betaalkenmerk: 'K-1', pspid: 'gemeente' } })).toMatchObject({
      soort: 'ogonebetaling',
      bedrag: 12.5,
      betaalkenmerk: 'K-1',
      pspid: 'gemeente',
      zaakUuid: undefined,
    });
  });

  it('is null for data that does not fit the type', () => {
    expect(toTaak(uuid, { titel: 'x', status: 'open', soort: 'brief' })).toBeNull();
    expect(toTaak(uuid, { titel: 'x', status: 'klaar', soort: 'url', url: { uri: 'https://example.nl' } })).toBeNull();
    expect(toTaak(uuid, { titel: 'x', status: 'open', soort: 'url', url: { uri: 'https://example.nl' }, verloopdatum: 'morgen' })).toBeNull();
  });
});
