/**
 * Delivering an aanvraag by route `objecten` when the zaaksysteem keeps no documents (no
 * informatieobjecttype configured): the productaanvraag goes without its PDF (the person has it
 * with their confirmation), and an aanvraag with attachments is refused, not retried, with nothing
 * made in the Objecten API (the attachments would be lost).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/database.ts';
import type { ZaakStarter } from '../../domain/aanvraag.ts';
import type { Identity } from '../../domain/identity.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import { IdentityKeys } from '../../platform/identity-keys.ts';
import type { ObjectenClient } from '../../sources/objecten/objecten.ts';
import { AanvraagStore, type Answers } from '../../sources/voordeur/aanvragen.ts';
import { attachmentIdentificatie, deliveryHandler } from './delivery.ts';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

const keys = new IdentityKeys('a test secret of enough length for the keys');
const identity = { subject: { type: 'persoon', bsn: '999993653' } } as Identity;
const answers: Answers = {
  prefill: {},
  data: { omschrijving: 'Een losse tegel' },
  values: {},
  prefilled: [],
  bevestiging: { onderwerp: 'Ontvangstbevestiging', tekst: 'Ontvangen', facts: [], author: 'Gemeente Voorbeeld', bestandsnaam: 'Uw aanvraag.pdf' },
};

/** A sent aanvraag (route objecten), with these files. */
async function sent(store: AanvraagStore, files: { name: string; formaat: string; content: Buffer }[]): Promise<string> {
  const id = await store.createConcept(identity, { id: 'melding', titel: 'Melding openbare ruimte' }, answers);
  await store.replaceFiles(id, 'foto', files);
  expect((await store.submit(identity, id, 'objecten', answers, async () => undefined)).outcome).toBe('sent');
  return id;
}

describe('delivering by route objecten when the zaaksysteem keeps no documents', () => {
  it('sends the productaanvraag without a PDF, and refuses one with attachments without making anything', async () => {
    const store = new AanvraagStore(database.db, keys);
    const created: Record<string, unknown>[] = [];
    const client = {
      listMatching: async () => ({ objects: [] }),
      objectUrl: (uuid: string) => `https://objecten.example/api/v2/objects/${uuid}`,
      createObject: async (_type: string, data: Record<string, unknown>) => {
        created.push(data);
        return `https://objecten.example/api/v2/objects/${created.length}`;
      },
    } as unknown as ObjectenClient;
    const zaken: ZaakStarter = {
      keepsDocuments: false,
      zaak: () => Promise.reject(new Error('no zaak on route objecten')),
      initiator: () => Promise.reject(new Error('no rol on route objecten')),
      document: () => Promise.reject(new Error('keeps no documents')),
    };
    const deliver = deliveryHandler({
      store,
      portalName: 'Mijn Omgeving',
      catalogue: { sources: [], list: async () => [], formDefinition: async () => null },
      objecten: { client, productaanvraag: 'https://objecttypen.example/api/v2/objecttypes/1' },
      zaken,
      log: { warn: () => undefined, info: () => undefined },
    });
    const job = (id: string) => ({ id: '1', queue: 'aanvraag.deliver', payload: { id }, attempts: 1, maxAttempts: 5 });

    const plain = await sent(store, []);
    expect(await deliver([job(plain)])).toEqual([{ ok: true }]);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ submission_id: plain, attachments: [] });
    expect(created[0]).not.toHaveProperty('pdf_url');
    expect((await store.toDeliver(plain))?.afgeleverd).toBe(true);

    const withPhoto = await sent(store, [{ name: 'tegel.png', formaat: 'image/png', content: Buffer.from('89504e470d0a1a0a', 'hex') }]);
    const [outcome] = await deliver([job(withPhoto)]);
    expect(outcome).toMatchObject({ ok: false, permanent: true });
    expect(created).toHaveLength(1);
    expect((await store.toDeliver(withPhoto))?.afgeleverd).toBe(false);
  });
});

describe('the identificatie of an attachment', () => {
  it('is kenmerk, field and number; fields with long keys that start alike get different ones, each at most 40 characters', () => {
    expect(attachmentIdentificatie('AV-0A1B2C3D', 'foto', 2)).toBe('AV-0A1B2C3D-foto-2');
    const a = attachmentIdentificatie('AV-0A1B2C3D', 'bewijsVanInkomenVanDeAanvragerJanuari', 1);
    const b = attachmentIdentificatie('AV-0A1B2C3D', 'bewijsVanInkomenVanDeAanvragerFebruari', 1);
    expect(a).not.toBe(b);
    for (const identificatie of [a, b]) expect(identificatie.length).toBeLessThanOrEqual(40);
    expect(a).toBe(attachmentIdentificatie('AV-0A1B2C3D', 'bewijsVanInkomenVanDeAanvragerJanuari', 1));
  });
});
