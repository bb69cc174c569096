/**
 * The kenmerk of a sent aanvraag (AV- and the start of its submission id): what a person reads out
 * on the phone and what the back office's zaak names. Eight characters collide among some 65,000
 * aanvragen; an aanvraag whose first eight are taken gets a longer kenmerk instead of an error,
 * and its confirmation names that one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/database.ts';
import { isAanvraagKenmerk } from '../../domain/aanvraag.ts';
import type { Identity } from '../../domain/identity.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import { IdentityKeys } from '../../platform/identity-keys.ts';
import { AanvraagStore, type Answers, kenmerkOf } from './aanvragen.ts';

let database: DatabaseHandle;
let store: AanvraagStore;
beforeAll(async () => {
  database = await testDatabase();
  store = new AanvraagStore(database.db, new IdentityKeys('k'.repeat(40)));
});
afterAll(() => database.close());

const jan: Identity = { method: 'digid', subject: { type: 'persoon', bsn: '999990019' } };
const answers: Answers = { prefill: {}, data: { reden: 'bril' }, values: {}, prefilled: [] };
const producttype = { id: 'f4000000-0000-4000-8000-000000000003', titel: 'Bijzondere bijstand' };
const confirmation = (kenmerk: string): Answers => ({
  ...answers,
  bevestiging: { onderwerp: 'Ontvangen', tekst: `Uw kenmerk is ${kenmerk}.`, facts: [], author: 'Gemeente', bestandsnaam: `${kenmerk}.pdf` },
});

describe('the kenmerk of an aanvraag', () => {
  it('is AV- and the first eight characters of its id', async () => {
    const id = await store.createConcept(jan, producttype, answers);
    const sent = await store.submit(jan, id, 'zaken', confirmation, async () => undefined);
    expect(sent).toEqual({ outcome: 'sent', kenmerk: kenmerkOf(id) });
    expect(sent.outcome === 'sent' && sent.kenmerk).toMatch(/^AV-[0-9A-F]{8}$/);
  });

  it('takes more of the id when another aanvraag has its first eight characters, and the confirmation names that kenmerk', async () => {
    const earlier = await store.createConcept(jan, producttype, answers);
    const id = await store.createConcept(jan, producttype, answers);
    await store.submit(jan, earlier, 'zaken', confirmation, async () => undefined);
    // The earlier one's id began as this one's does (one in 4 billion per pair, likely past 65,000 aanvragen).
    await database.db
      .updateTable('aanvragen')
      .set({ kenmerk: kenmerkOf(id) })
      .where('id', '=', earlier)
      .execute();

    const sent = await store.submit(jan, id, 'zaken', confirmation, async () => undefined);
    expect(sent).toEqual({ outcome: 'sent', kenmerk: kenmerkOf(id, 12) });
    const received = await store.received(jan.subject, id);
    expect(received?.kenmerk).toBe(kenmerkOf(id, 12));
    expect(received?.answers.bevestiging?.tekst).toBe(`Uw kenmerk is ${kenmerkOf(id, 12)}.`);
    // A zaak the back office makes with it is recognised as made of an aanvraag.
    expect(isAanvraagKenmerk(kenmerkOf(id, 12))).toBe(true);
    // Sent again: the same kenmerk, nothing stored twice.
    expect(await store.submit(jan, id, 'zaken', confirmation, async () => undefined)).toEqual({ outcome: 'already', kenmerk: kenmerkOf(id, 12) });
  });
});
