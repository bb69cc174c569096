import { describe, expect, it } from 'vitest';
import { buildTimeline, initiatorSubjects, isDocumentVisible, isInitiator, isZaakVisible, passedDeadline, type InitiatorRol, type StatusStep } from './zaak.ts';

const steps: StatusStep[] = [
  { key: 'st/3', volgnummer: 3, naam: 'In behandeling', isEindstatus: false },
  { key: 'st/1', volgnummer: 1, naam: 'Ontvangen', isEindstatus: false },
  { key: 'st/2', volgnummer: 2, naam: 'Compleet', isEindstatus: false },
  { key: 'st/4', volgnummer: 4, naam: 'Afgerond', isEindstatus: true },
];
const day = (d: number) => new Date(Date.UTC(2026, 10, d, 9));

describe('buildTimeline', () => {
  it('lists every step in volgnummer order: done up to the current one, then still to come', () => {
    const timeline = buildTimeline(steps, [
      { statustype: 'st/1', datum: day(1) },
      { statustype: 'st/2', datum: day(3), toelichting: 'Alle stukken zijn binnen.' },
    ]);
    expect(timeline.map((s) => [s.naam, s.state])).toEqual([
      ['Ontvangen', 'done'],
      ['Compleet', 'current'],
      ['In behandeling', 'upcoming'],
      ['Afgerond', 'upcoming'],
    ]);
    expect(timeline[1]).toMatchObject({ datum: day(3), toelichtingen: ['Alle stukken zijn binnen.'] });
    expect(timeline[2]!.datum).toBeUndefined();
  });

  it('marks the end status as done, and a skipped step as done without a date', () => {
    const timeline = buildTimeline(steps, [
      { statustype: 'st/1', datum: day(1) },
      { statustype: 'st/4', datum: day(9) },
    ]);
    expect(timeline.map((s) => s.state)).toEqual(['done', 'done', 'done', 'done']);
    expect(timeline[1]!.datum).toBeUndefined();
    expect(timeline[3]!.datum).toEqual(day(9));
  });

  it('follows the zaak back when a status returned to an earlier step', () => {
    const history = [
      { statustype: 'st/1', datum: day(1) },
      { statustype: 'st/3', datum: day(2) },
      { statustype: 'st/2', datum: day(4), toelichting: 'Er ontbreekt nog een bewijsstuk.' },
    ];
    const timeline = buildTimeline(steps, history, 'st/2');
    expect(timeline.map((s) => s.state)).toEqual(['done', 'current', 'upcoming', 'upcoming']);
  });

  it('shows every step as still to come when the zaak has no status yet', () => {
    expect(buildTimeline(steps, []).every((s) => s.state === 'upcoming')).toBe(true);
  });
});

describe('isInitiator', () => {
  const persoon = (bsn: string, omschrijvingGeneriek = 'initiator'): InitiatorRol => ({
    betrokkeneType: 'natuurlijk_persoon',
    omschrijvingGeneriek,
    inpBsn: bsn,
  });
  const bedrijf: InitiatorRol = { betrokkeneType: 'niet_natuurlijk_persoon', omschrijvingGeneriek: 'initiator', innNnpId: '69599084' };
  const vestiging: InitiatorRol = { betrokkeneType: 'vestiging', omschrijvingGeneriek: 'initiator', vestigingsNummer: '000038509504', kvkNummer: '69599084' };

  it('accepts a person who is the initiator, not one who is only belanghebbende', () => {
    expect(isInitiator([persoon('999993653')], { type: 'persoon', bsn: '999993653' })).toBe(true);
    expect(isInitiator([persoon('999993653', 'belanghebbende'), persoon('111222333')], { type: 'persoon', bsn: '999993653' })).toBe(false);
    expect(isInitiator([bedrijf], { type: 'persoon', bsn: '999993653' })).toBe(false);
  });

  it("accepts a company by KvK number; logged in for a vestiging, that vestiging's zaken and the company-wide ones", () => {
    const bij504 = { type: 'bedrijf', kvkNummer: '69599084', vestigingsnummer: '000038509504' } as const;
    expect(isInitiator([bedrijf], { type: 'bedrijf', kvkNummer: '69599084' })).toBe(true);
    expect(isInitiator([bedrijf], { type: 'bedrijf', kvkNummer: '68750110' })).toBe(false);
    expect(isInitiator([vestiging], bij504)).toBe(true);
    expect(isInitiator([vestiging], { ...bij504, vestigingsnummer: '000038509520' })).toBe(false);
    // Logged in for a vestiging: the company-wide zaken are the vestiging's business too.
    expect(isInitiator([bedrijf], bij504)).toBe(true);
    // A vestiging rol that names another company's KvK number is not this company's.
    expect(isInitiator([{ ...vestiging, kvkNummer: '68750110' }], bij504)).toBe(false);
    // A vestiging rol without a KvK number counts by its vestigingsnummer.
    expect(isInitiator([{ ...vestiging, kvkNummer: undefined }], bij504)).toBe(true);
  });

  it("logged in as the whole company: every vestiging's zaken too, by the rol's KvK number or a vestigingsnummer of the company", () => {
    const company = { type: 'bedrijf', kvkNummer: '69599084' } as const;
    expect(isInitiator([vestiging], company)).toBe(true);
    expect(isInitiator([{ ...vestiging, kvkNummer: '68750110' }], company)).toBe(false);
    expect(isInitiator([{ ...vestiging, kvkNummer: undefined }], company)).toBe(false);
    expect(isInitiator([{ ...vestiging, kvkNummer: undefined }], { ...company, vestigingen: ['000038509504'] })).toBe(true);
  });
});

describe('own rollen (ZAKEN_ROLLEN_EIGEN)', () => {
  const rol = (omschrijvingGeneriek: string, inpBsn: string): InitiatorRol => ({ betrokkeneType: 'natuurlijk_persoon', omschrijvingGeneriek, inpBsn });
  const suzanne = { type: 'persoon', bsn: '999993653' } as const;

  it('needs one rol that both names the subject and is of an own kind, not one of each', () => {
    // Karel initiator, Suzanne belanghebbende: what Open Zaak's independent rol__ filters return.
    expect(isInitiator([rol('initiator', '111222333'), rol('belanghebbende', '999993653')], suzanne)).toBe(false);
    expect(isInitiator([rol('mede_initiator', '999993653')], suzanne)).toBe(false);
    expect(isInitiator([rol('mede_initiator', '999993653')], suzanne, ['initiator', 'mede_initiator'])).toBe(true);
    expect(initiatorSubjects([rol('initiator', '111222333'), rol('belanghebbende', '999993653')])).toEqual([{ type: 'persoon', bsn: '111222333' }]);
  });
});

describe('isZaakVisible', () => {
  it('shows a zaak up to the maximum vertrouwelijkheidaanduiding, and not one without a known aanduiding', () => {
    expect(isZaakVisible('vertrouwelijk', 'vertrouwelijk')).toBe(true);
    expect(isZaakVisible('openbaar', 'vertrouwelijk')).toBe(true);
    expect(isZaakVisible('confidentieel', 'vertrouwelijk')).toBe(false);
    expect(isZaakVisible(undefined, 'zeer_geheim')).toBe(false);
    expect(isZaakVisible('onbekend', 'zeer_geheim')).toBe(false);
  });
});

describe('isDocumentVisible', () => {
  it('shows only documents whose vertrouwelijkheidaanduiding is allowed', () => {
    const allow = ['openbaar', 'beperkt_openbaar'];
    expect(isDocumentVisible('openbaar', allow)).toBe(true);
    expect(isDocumentVisible('beperkt_openbaar', allow)).toBe(true);
    expect(isDocumentVisible('zaakvertrouwelijk', allow)).toBe(false);
    expect(isDocumentVisible(undefined, allow)).toBe(false);
  });
});

describe('passedDeadline', () => {
  it('is the uiterlijke einddatum of an open zaak once that day has passed, and nothing for a closed zaak, the day itself or a plan', () => {
    expect(passedDeadline({ uiterlijkeEinddatumAfdoening: '2026-11-28' }, '2026-11-29')).toBe('2026-11-28');
    expect(passedDeadline({ uiterlijkeEinddatumAfdoening: '2026-11-28' }, '2026-11-28')).toBeUndefined();
    expect(passedDeadline({ uiterlijkeEinddatumAfdoening: '2026-11-28', einddatum: '2026-12-01' }, '2026-12-05')).toBeUndefined();
    expect(passedDeadline({}, '2026-12-05')).toBeUndefined();
  });
});
