/**
 * One store reads the confirmations of aanvragen and questions as berichten: each kind holds only
 * the bijlagen of its own URN (`urn:voordeur:<soort>:<id>:<bestand>`), refuses a tampered one,
 * and gives a subject only their own confirmations.
 */
import { describe, expect, it } from 'vitest';
import type { Subject } from '../../domain/identity.ts';
import { IdentityKeys } from '../../platform/identity-keys.ts';
import { BevestigingBerichten, type KeptBevestiging } from './ontvangstbevestiging.ts';

const keys = new IdentityKeys('k'.repeat(32));
const suzanne: Subject = { type: 'persoon', bsn: '999993653' };
const id = '0b3c6f0e-1d2a-4c5b-8e7f-9a0b1c2d3e4f';
const kept: KeptBevestiging = {
  id,
  bevestiging: {
    onderwerp: 'Ontvangstbevestiging',
    tekst: 'Ontvangen.',
    facts: [{ label: 'Kenmerk', value: 'VR-0b3c6f0e' }],
    author: 'Gemeente',
    bestandsnaam: 'Uw vraag VR-0b3c6f0e.pdf',
  },
  titel: 'Uw vraag',
  sections: [{ title: 'Vraag', items: [{ label: 'Onderwerp', value: 'Test' }] }],
  ontvangen: new Date('2026-12-05T10:00:00Z'),
  kenmerk: 'VR-0b3c6f0e',
  geopend: false,
};
const opened: string[] = [];
const store = (soort: string, bestand: string) =>
  new BevestigingBerichten(keys, {
    soort,
    bestand,
    list: async (subjectKey) => ({ items: subjectKey === keys.subject(suzanne) ? [kept] : [], cutOff: false }),
    get: async (subjectKey, wanted) => (subjectKey === keys.subject(suzanne) && wanted === id ? kept : null),
    at: async (ids) => (ids.includes(id) ? [kept] : []),
    markOpened: async (wanted) => void opened.push(wanted),
  });

describe('confirmations as berichten', () => {
  const vragen = store('vraag', 'vraag.pdf');
  const aanvragen = store('aanvraag', 'antwoorden.pdf');

  it('gives the subject their confirmation with its PDF as the one bijlage, and marks it opened', async () => {
    const { items } = await vragen.list(suzanne);
    expect(items).toEqual([
      expect.objectContaining({ uuid: id, onderwerp: 'Ontvangstbevestiging', referentie: 'VR-0b3c6f0e', bijlagen: [`urn:voordeur:vraag:${id}:vraag.pdf`] }),
    ]);
    expect((await vragen.list({ type: 'persoon', bsn: '999991772' })).items).toEqual([]);
    const one = await vragen.get(suzanne, id);
    await one?.markOpened();
    expect(opened).toEqual([id]);
    expect(await vragen.get(suzanne, 'geen-uuid')).toBeNull();
  });

  it('holds only the bijlagen of its own kind, and refuses a tampered one', async () => {
    const bijlage = `urn:voordeur:vraag:${id}:vraag.pdf`;
    expect(vragen.holdsDocument(bijlage)).toBe(true);
    expect(aanvragen.holdsDocument(bijlage)).toBe(false);
    expect((await vragen.documentsAt([bijlage])).map((d) => d.bestandsnaam)).toEqual(['Uw vraag VR-0b3c6f0e.pdf']);
    expect(await aanvragen.documentsAt([bijlage])).toEqual([]);
    for (const tampered of [
      `urn:voordeur:vraag:${id}:antwoorden.pdf`,
      `urn:voordeur:vraag:${id}:vraag.pdf.exe`,
      `urn:voordeur:vraag:${id.toUpperCase()}:vraag.pdf`,
    ]) {
      expect(await vragen.downloadAt(tampered), tampered).toBeNull();
      expect(await vragen.documentsAt([tampered])).toEqual([]);
    }
    const download = await vragen.downloadAt(bijlage);
    expect(download?.document.formaat).toBe('application/pdf');
    expect(download?.document.grootte).toBeGreaterThan(500);
  });
});
