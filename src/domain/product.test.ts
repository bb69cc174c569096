import { describe, expect, it } from 'vitest';
import { byRelevance, daysUntil, expiresSoon, isEigenaar, type Product, shownStatus } from './product.ts';

const product = (over: Partial<Product>): Product => ({
  id: over.naam ?? 'p',
  source: 'test',
  naam: 'p',
  producttype: { id: 't', naam: 'T' },
  status: 'actief',
  eigenaren: [],
  zaken: [],
  taken: [],
  documenten: [],
  verbruik: [],
  gegevens: [],
  ...over,
});

describe('isEigenaar', () => {
  it('knows a person by BSN only', () => {
    expect(isEigenaar([{ bsn: '999993653' }], { type: 'persoon', bsn: '999993653' })).toBe(true);
    expect(isEigenaar([{ bsn: '999991772' }], { type: 'persoon', bsn: '999993653' })).toBe(false);
    // An eigenaar without a BSN is nobody's person, also not someone with an empty one.
    expect(isEigenaar([{ kvkNummer: '69599084' }], { type: 'persoon', bsn: '' })).toBe(false);
    expect(isEigenaar([], { type: 'persoon', bsn: '999993653' })).toBe(false);
  });

  it('knows a company by KvK number; a vestiging sees the company-wide products and its own, not another vestiging’s', () => {
    const whole = { type: 'bedrijf', kvkNummer: '69599084' } as const;
    const marktstraat = { ...whole, vestigingsnummer: '000038509504' };
    const station = { ...whole, vestigingsnummer: '000038509520' };
    const companyWide = [{ kvkNummer: '69599084' }];
    const ofMarktstraat = [{ kvkNummer: '69599084', vestigingsnummer: '000038509504' }];
    expect(isEigenaar(companyWide, whole)).toBe(true);
    expect(isEigenaar(ofMarktstraat, whole)).toBe(true);
    expect(isEigenaar(companyWide, marktstraat)).toBe(true);
    expect(isEigenaar(ofMarktstraat, marktstraat)).toBe(true);
    expect(isEigenaar(ofMarktstraat, station)).toBe(false);
    expect(isEigenaar([{ kvkNummer: '68750110' }], whole)).toBe(false);
    // A BSN that happens to be in the data is no company.
    expect(isEigenaar([{ bsn: '69599084' }], whole)).toBe(false);
  });
});

describe('validity', () => {
  it('counts days between Dutch calendar days', () => {
    expect(daysUntil('2026-12-26', '2026-12-05')).toBe(21);
    expect(daysUntil('2026-12-04', '2026-12-05')).toBe(-1);
  });

  it('shows a current product past its last day as verlopen, and tells which end soon', () => {
    const today = '2026-12-05';
    expect(shownStatus(product({ eindDatum: '2026-12-04' }), today)).toBe('verlopen');
    expect(shownStatus(product({ eindDatum: '2026-12-05' }), today)).toBe('actief');
    expect(shownStatus(product({ status: 'ingetrokken', eindDatum: '2026-12-04' }), today)).toBe('ingetrokken');
    expect(expiresSoon(product({ eindDatum: '2027-01-16' }), today, 42)).toBe(true);
    expect(expiresSoon(product({ eindDatum: '2027-01-17' }), today, 42)).toBe(false);
    expect(expiresSoon(product({}), today, 42)).toBe(false);
    expect(expiresSoon(product({ status: 'in_aanvraag', eindDatum: '2026-12-10' }), today, 42)).toBe(false);
  });

  it('puts current products that end soonest first, then applications, then ended ones (latest first)', () => {
    const today = '2026-12-05';
    const list = [
      product({ naam: 'verlopen-oud', status: 'verlopen', eindDatum: '2025-01-01' }),
      product({ naam: 'zonder-eind' }),
      product({ naam: 'aangevraagd', status: 'in_aanvraag' }),
      product({ naam: 'verlopen-nieuw', eindDatum: '2026-12-01' }),
      product({ naam: 'bijna', eindDatum: '2026-12-20' }),
      product({ naam: 'later', status: 'gereed', eindDatum: '2027-06-01' }),
    ];
    expect(list.sort(byRelevance(today)).map((p) => p.naam)).toEqual(['bijna', 'later', 'zonder-eind', 'aangevraagd', 'verlopen-nieuw', 'verlopen-oud']);
  });
});
