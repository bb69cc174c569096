import { describe, expect, it } from 'vitest';
import { machtigingenOf, residentIdentity } from './oidc.ts';

const names = {
  bsn: 'bsn',
  kvk: 'kvk',
  vestiging: 'vestiging',
  name: 'name',
  gemachtigdeBsn: 'gemachtigde_bsn',
  gemachtigdeName: 'gemachtigde_name',
  machtigingen: 'machtigingen',
};

describe('the machtigingen a login gives', () => {
  it('takes a list of people with a valid BSN, their name and a known rol; leaves out the rest', () => {
    expect(
      machtigingenOf([
        { bsn: '999990019', name: ' Jan Jansen ', rol: 'onbekend' },
        { bsn: '999992570', name: 'Anna Bakker', rol: 'bewindvoerder' },
        { bsn: '123456789', name: 'Geen geldig BSN' },
        { bsn: 999990482 },
        'x',
        null,
        { bsn: '999990019', name: 'Twice' },
      ]),
    ).toEqual([
      { bsn: '999990019', name: 'Jan Jansen' },
      { bsn: '999992570', name: 'Anna Bakker', rol: 'bewindvoerder' },
    ]);
  });

  it('reads a list sent as a JSON string, and nothing from anything else', () => {
    expect(machtigingenOf('[{"bsn":"999990019"}]')).toEqual([{ bsn: '999990019' }]);
    for (const claim of [undefined, '', 'not json', '{"bsn":"999990019"}', 42]) expect(machtigingenOf(claim)).toEqual([]);
  });

  it('keeps them in the identity of a person who logs in for themselves, without themselves', () => {
    const identity = residentIdentity(
      { bsn: '999990482', name: 'Lotte Jansen', machtigingen: [{ bsn: '999990482' }, { bsn: '999990019', name: 'Jan Jansen' }] },
      'digid',
      names,
    );
    expect(identity).toEqual({
      method: 'digid',
      subject: { type: 'persoon', bsn: '999990482' },
      subjectName: 'Lotte Jansen',
      machtigingen: [{ bsn: '999990019', name: 'Jan Jansen' }],
    });
  });

  it('for someone who chose at the identity provider: the chosen person is among them, and the actor has the machtiging’s rol', () => {
    const identity = residentIdentity(
      {
        bsn: '999992570',
        name: 'Anna Bakker',
        gemachtigde_bsn: '999993653',
        gemachtigde_name: 'Suzanne de Vries',
        machtigingen: [{ bsn: '999992570', name: 'Anna Bakker', rol: 'bewindvoerder' }],
      },
      'digid',
      names,
    );
    expect(identity.actor).toEqual({ bsn: '999993653', name: 'Suzanne de Vries', rol: 'bewindvoerder' });
    expect(identity.machtigingen).toEqual([{ bsn: '999992570', name: 'Anna Bakker', rol: 'bewindvoerder' }]);
    // Without the claim, the one the login chose is still the one they may act for.
    const chosenOnly = residentIdentity({ bsn: '999990019', gemachtigde_bsn: '999990482' }, 'digid', names);
    expect(chosenOnly.machtigingen).toEqual([{ bsn: '999990019' }]);
    expect(chosenOnly.actor).toEqual({ bsn: '999990482' });
  });
});
