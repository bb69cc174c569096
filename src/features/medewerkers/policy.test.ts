/** What each role may see, per kind of data and zaaktype: the one place staff authorisation is decided. */
import { describe, expect, it } from 'vitest';
import { dossierKinds } from '../../domain/medewerker.ts';
import { StaffPolicy } from './policy.ts';
import type { StaffMember } from './sessions.ts';

const policy = new StaffPolicy({
  rollen: {
    kcc: ['zaken', 'taken', 'berichten', 'contactgegevens', 'contactmomenten', 'notificaties', 'aanvragen'],
    inkomen: ['zaken', 'documenten'],
    leeg: [],
  },
  beperkteZaaktypen: { 'Bijzondere bijstand aanvragen': ['inkomen'] },
  doelen: [],
});
const staff = (rollen: string[]): StaffMember => ({ id: 'x', naam: 'X', afdeling: 'Y', rollen });

describe('staff authorisation', () => {
  const table: [string[], Record<(typeof dossierKinds)[number], boolean>][] = [
    [
      ['kcc'],
      {
        persoonsgegevens: false,
        zaken: true,
        documenten: false,
        taken: true,
        berichten: true,
        contactgegevens: true,
        contactmomenten: true,
        notificaties: true,
        aanvragen: true,
      },
    ],
    [
      ['inkomen'],
      {
        persoonsgegevens: false,
        zaken: true,
        documenten: true,
        taken: false,
        berichten: false,
        contactgegevens: false,
        contactmomenten: false,
        notificaties: false,
        aanvragen: false,
      },
    ],
    [
      ['kcc', 'inkomen'],
      {
        persoonsgegevens: false,
        zaken: true,
        documenten: true,
        taken: true,
        berichten: true,
        contactgegevens: true,
        contactmomenten: true,
        notificaties: true,
        aanvragen: true,
      },
    ],
    [
      [],
      {
        persoonsgegevens: false,
        zaken: false,
        documenten: false,
        taken: false,
        berichten: false,
        contactgegevens: false,
        contactmomenten: false,
        notificaties: false,
        aanvragen: false,
      },
    ],
    [
      ['onbekend', 'leeg'],
      {
        persoonsgegevens: false,
        zaken: false,
        documenten: false,
        taken: false,
        berichten: false,
        contactgegevens: false,
        contactmomenten: false,
        notificaties: false,
        aanvragen: false,
      },
    ],
  ];
  for (const [rollen, expected] of table) {
    it(`roles [${rollen.join(', ')}]: each kind of data as configured`, () => {
      for (const kind of dossierKinds) expect(policy.may(staff(rollen), kind), kind).toBe(expected[kind]);
      expect(policy.mayLookUp(staff(rollen))).toBe(Object.values(expected).some(Boolean));
    });
  }

  it('a zaaktype kept for some roles only is seen by those roles, other zaaktypen by whoever may see zaken', () => {
    expect(policy.mayZaaktype(staff(['kcc']), 'Bijzondere bijstand aanvragen')).toBe(false);
    expect(policy.mayZaaktype(staff(['kcc']), 'Parkeervergunning aanvragen')).toBe(true);
    expect(policy.mayZaaktype(staff(['kcc', 'inkomen']), 'Bijzondere bijstand aanvragen')).toBe(true);
    expect(policy.mayZaaktype(staff(['inkomen']), 'Bijzondere bijstand aanvragen')).toBe(true);
    // A role listed for a zaaktype still needs a role that may see zaken at all.
    const only = new StaffPolicy({ rollen: { jeugd: ['berichten'] }, beperkteZaaktypen: { Jeugdhulp: ['jeugd'] }, doelen: [] });
    expect(only.mayZaaktype(staff(['jeugd']), 'Jeugdhulp')).toBe(false);
  });
});
