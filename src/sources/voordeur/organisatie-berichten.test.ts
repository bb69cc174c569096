/**
 * The store of pushed berichten as a connected organisation and a person meet it, on the table
 * partitioned by recipient (migrations/0026): a berichtId is stored once per organisation, also
 * across batches and when two batches with it run at the same moment; the inbox and its unread
 * count; and the migrations that partition the berichten and split the day's counts keep what was there.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/database.ts';
import type { Subject } from '../../domain/identity.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import { migrateToLatest } from '../../platform/db/migrate.ts';
import { IdentityKeys } from '../../platform/identity-keys.ts';
import { listLimit, OrganisatieBerichten, type NewOrganisatieBericht } from './organisatie-berichten.ts';
import { OrganisatieAansluiting } from './organisatie-aansluiting.ts';
import { OrganisatieBewaartermijnen } from './organisatie-bewaartermijnen.ts';
import { Organisaties } from './organisaties.ts';

const keys = new IdentityKeys('k'.repeat(40));
const now = new Date('2026-12-01T10:00:00Z');
const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

let n = 0;
const person = (): Subject => ({ type: 'persoon', bsn: String(200_000_000 + ++n) });
const bericht = (berichtId: string, ontvanger: Subject, extra: Partial<NewOrganisatieBericht> = {}): NewOrganisatieBericht => ({
  berichtId,
  ontvanger,
  onderwerp: `Bericht ${berichtId}`,
  tekst: 'Beste inwoner,\n\nU heeft een bericht.',
  publicatiedatum: new Date(now.getTime() - 86_400_000),
  bijlagen: [],
  ...extra,
});

describe('pushed berichten on the partitioned table', () => {
  let database: DatabaseHandle;
  let store: OrganisatieBerichten;
  beforeAll(async () => {
    database = await testDatabase();
    store = new OrganisatieBerichten(database.db, keys, { now: () => now });
    await new Organisaties(database.db).save({ id: 'bsgw', naam: 'Belastingsamenwerking', jwks: { keys: [] } });
  });
  afterAll(() => database.close());

  it('stores a berichtId once: a later batch with it is bestaatAl (also for another recipient), and the bericht is not changed', async () => {
    const suzanne = person();
    const other = person();
    expect(await store.store('bsgw', [bericht('once-1', suzanne), bericht('once-2', suzanne)])).toEqual(new Set(['once-1', 'once-2']));
    const again = await store.store('bsgw', [bericht('once-1', other, { onderwerp: 'Anders' }), bericht('once-3', other)]);
    expect(again).toEqual(new Set(['once-3']));
    expect((await store.list(suzanne)).items.map((b) => b.onderwerp).sort()).toEqual(['Bericht once-1', 'Bericht once-2']);
    expect((await store.list(other)).items.map((b) => b.onderwerp)).toEqual(['Bericht once-3']);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from organisatie_berichten where bericht_id = 'once-1'`.execute(database.db);
    expect(rows[0]!.n).toBe(1);
  });

  it('stores a berichtId once when batches with it arrive at the same moment: each bericht is new in exactly one of them', async () => {
    const ids = Array.from({ length: 50 }, (_, i) => `samen-${i}`);
    // Each batch has the same berichtIds, each for a recipient per batch, in another order.
    const batches = Array.from({ length: 4 }, (_, b) => {
      const ontvanger = person();
      return (b % 2 ? [...ids].reverse() : ids).map((id) => bericht(id, ontvanger));
    });
    const fresh = await Promise.all(batches.map((batch) => store.store('bsgw', batch)));
    expect(fresh.reduce((sum, set) => sum + set.size, 0)).toBe(ids.length);
    expect(new Set(fresh.flatMap((set) => [...set]))).toEqual(new Set(ids));
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from organisatie_berichten where bericht_id like 'samen-%'`.execute(database.db);
    expect(rows[0]!.n).toBe(ids.length);
  });

  it('counts the unread berichten in the inbox: not the opened, archived, not yet published or another person’s', async () => {
    const suzanne = person();
    const later = new Date(now.getTime() + 86_400_000);
    await store.store('bsgw', [
      ...['u-1', 'u-2', 'u-geopend', 'u-archief'].map((id) => bericht(id, suzanne)),
      bericht('u-later', suzanne, { publicatiedatum: later }),
      bericht('u-ander', person()),
    ]);
    expect(await store.unread(suzanne, now)).toBe(5 - 1);
    const uuidOf = async (onderwerp: string) => (await store.list(suzanne)).items.find((b) => b.onderwerp === onderwerp)!.uuid;
    await (await store.get(suzanne, await uuidOf('Bericht u-geopend')))!.markOpened();
    await (await store.get(suzanne, await uuidOf('Bericht u-archief')))!.archive!(true);
    expect(await store.unread(suzanne, now)).toBe(2);
    expect(await store.unread(suzanne, later)).toBe(3);
  });

  it(`shows at most ${listLimit} berichten of one person, the newest, and says there are more`, async () => {
    const veel = person();
    const day = (i: number) => new Date(now.getTime() - (i + 1) * 60_000);
    await store.store(
      'bsgw',
      Array.from({ length: listLimit + 1 }, (_, i) => bericht(`veel-${i}`, veel, { publicatiedatum: day(i) })),
    );
    const listed = await store.list(veel);
    expect(listed.cutOff).toBe(true);
    expect(listed.items).toHaveLength(listLimit);
    expect(listed.items[0]!.onderwerp).toBe('Bericht veel-0');
    expect(listed.items.at(-1)!.onderwerp).toBe(`Bericht veel-${listLimit - 1}`);
    const few = person();
    await store.store('bsgw', [bericht('weinig-1', few)]);
    expect((await store.list(few)).cutOff).toBe(false);
  });

  it('lists each bericht with its own attachments, in the order sent, as its page does', async () => {
    const suzanne = person();
    const twee = [
      { bestandsnaam: 'aanslag.pdf', inhoud: pdf },
      { bestandsnaam: 'toelichting.pdf', inhoud: pdf },
    ];
    await store.store('bsgw', [
      bericht('bijlagen-twee', suzanne, { bijlagen: twee }),
      bericht('bijlagen-geen', suzanne, { publicatiedatum: new Date(now.getTime() - 2 * 86_400_000) }),
    ]);
    const { items } = await store.list(suzanne);
    const [met, zonder] = items;
    expect(met!.bijlagen).toEqual([`urn:voordeur:bijlage:${met!.uuid}:0`, `urn:voordeur:bijlage:${met!.uuid}:1`]);
    expect(zonder!.bijlagen).toEqual([]);
    expect((await store.get(suzanne, met!.uuid))!.bericht.bijlagen).toEqual(met!.bijlagen);
    expect((await store.documentsAt(met!.bijlagen)).map((d) => d.bestandsnaam).sort()).toEqual(['aanslag.pdf', 'toelichting.pdf']);
  });

  it('deletes a bericht past its retention with its attachment; its berichtId can then be sent again', async () => {
    const suzanne = person();
    const old = new Date(now.getTime() - 40 * 86_400_000);
    await store.store('bsgw', [bericht('bewaar-oud', suzanne, { publicatiedatum: old, bijlagen: [{ bestandsnaam: 'a.pdf', inhoud: pdf }] })]);
    await store.store('bsgw', [bericht('bewaar-nieuw', suzanne)]);
    const uuid = (await store.list(suzanne)).items.find((b) => b.onderwerp === 'Bericht bewaar-oud')!.uuid;
    const termijnen = new OrganisatieBewaartermijnen(database.db);
    await termijnen.set('bsgw', '', 30);
    try {
      expect(await termijnen.deleteExpired(now)).toBeGreaterThanOrEqual(1);
    } finally {
      await termijnen.set('bsgw', '', null);
    }
    expect((await store.list(suzanne)).items.map((b) => b.onderwerp)).toEqual(['Bericht bewaar-nieuw']);
    expect(await store.get(suzanne, uuid)).toBeNull();
    expect(await store.downloadAt(`urn:voordeur:bijlage:${uuid}:0`)).toBeNull();
    expect(await store.status('bsgw', 'bewaar-oud')).toBeNull();
    expect(await store.store('bsgw', [bericht('bewaar-oud', suzanne)])).toEqual(new Set(['bewaar-oud']));
  });
});

describe('the senders of a person’s pushed berichten (the sender filter of Mijn berichten)', () => {
  let database: DatabaseHandle;
  let store: OrganisatieBerichten;
  const query = (at: Date) => ({ now: at, filter: 'alle' as const, zoek: '', van: '', eigenAfzender: 'Gemeente Voorbeeldstad', limit: 10 });
  beforeAll(async () => {
    database = await testDatabase();
    store = new OrganisatieBerichten(database.db, keys, { now: () => now });
    const organisaties = new Organisaties(database.db);
    await organisaties.save({ id: 'bsgw', naam: 'Belastingsamenwerking', jwks: { keys: [] } });
    await organisaties.save({ id: 'ggd', naam: 'GGD Regio', jwks: { keys: [] } });
  });
  afterAll(() => database.close());

  it('are the organisations that published to the person by then, also of archived berichten, and nobody else’s', async () => {
    const suzanne = person();
    const other = person();
    const later = new Date(now.getTime() + 3 * 86_400_000);
    await store.store('bsgw', [bericht('afz-1', suzanne), bericht('afz-2', suzanne)]);
    await store.store('ggd', [bericht('afz-3', suzanne, { publicatiedatum: later }), bericht('afz-4', other)]);
    expect((await store.search(suzanne, query(now))).senders).toEqual(['Belastingsamenwerking']);
    // The GGD's bericht is published: from then on it is a sender.
    expect((await store.search(suzanne, query(later))).senders).toEqual(['Belastingsamenwerking', 'GGD Regio']);
    // An earlier bericht of the GGD makes it a sender now.
    await store.store('ggd', [bericht('afz-5', suzanne)]);
    // A later one after that does not make it a sender only later.
    await store.store('ggd', [bericht('afz-6', suzanne, { publicatiedatum: later })]);
    const found = await store.search(suzanne, query(now));
    expect(found.senders).toEqual(['Belastingsamenwerking', 'GGD Regio']);
    // Archived, it is still theirs.
    const ggd = found.items.find((b) => b.onderwerp === 'Bericht afz-5')!;
    await (await store.get(suzanne, ggd.uuid))!.archive!(true);
    expect((await store.search(suzanne, query(now))).senders).toEqual(['Belastingsamenwerking', 'GGD Regio']);
    expect((await store.search(other, query(now))).senders).toEqual(['GGD Regio']);
  });

  it('lose an organisation when retention deletes its last bericht to the person, not before', async () => {
    const suzanne = person();
    const old = new Date(now.getTime() - 40 * 86_400_000);
    await store.store('bsgw', [bericht('ret-1', suzanne, { publicatiedatum: old }), bericht('ret-2', suzanne, { publicatiedatum: old })]);
    await store.store('ggd', [bericht('ret-3', suzanne, { publicatiedatum: old }), bericht('ret-4', suzanne)]);
    const termijnen = new OrganisatieBewaartermijnen(database.db);
    await termijnen.set('bsgw', '', 30);
    await termijnen.set('ggd', '', 30);
    try {
      expect(await termijnen.deleteExpired(now)).toBe(3);
    } finally {
      await termijnen.set('bsgw', '', null);
      await termijnen.set('ggd', '', null);
    }
    expect((await store.search(suzanne, query(now))).senders).toEqual(['GGD Regio']);
    // Sent again later: a sender again.
    await store.store('bsgw', [bericht('ret-5', suzanne)]);
    expect((await store.search(suzanne, query(now))).senders).toEqual(['Belastingsamenwerking', 'GGD Regio']);
  });
});

describe('the migration that partitions the berichten', () => {
  let database: DatabaseHandle;
  afterAll(() => database.close());

  it('keeps the berichten there were, with their attachments, opened and archived state; a resend of one is still bestaatAl', async () => {
    database = await testDatabase({ upTo: '0025_ongelezen_berichten' });
    const db = database.db;
    await new Organisaties(db).save({ id: 'ggd', naam: 'GGD', jwks: { keys: [] } });
    const suzanne = person();
    const rows = [
      { id: '00000000-0000-4000-8000-000000000001', bericht_id: 'm-geopend', opened_at: now, archived_at: null },
      { id: '00000000-0000-4000-8000-000000000002', bericht_id: 'm-archief', opened_at: now, archived_at: now },
      { id: '00000000-0000-4000-8000-000000000003', bericht_id: 'm-nieuw', opened_at: null, archived_at: null },
    ];
    for (const [i, row] of rows.entries())
      await sql`
        insert into organisatie_berichten (id, organisatie_id, bericht_id, recipient_key, recipient, onderwerp, tekst, publicatiedatum, opened_at, archived_at, bericht_type)
        values (${row.id}, 'ggd', ${row.bericht_id}, ${keys.subject(suzanne)}, ${keys.seal(suzanne)}, ${`Onderwerp ${row.bericht_id}`}, 'Tekst',
                ${new Date(now.getTime() - (i + 1) * 3_600_000)}, ${row.opened_at}, ${row.archived_at}, 'uitslag')`.execute(db);
    await sql`insert into organisatie_bijlagen (bericht_uuid, index, bestandsnaam, content) values (${rows[0]!.id}, 0, 'uitslag.pdf', ${pdf})`.execute(db);

    await migrateToLatest(db);

    const store = new OrganisatieBerichten(db, keys, { now: () => now });
    const listed = await store.list(suzanne);
    expect(listed.items.map((b) => [b.onderwerp, b.geopend, b.gearchiveerd, b.bijlagen.length])).toEqual([
      ['Onderwerp m-geopend', true, false, 1],
      ['Onderwerp m-archief', true, true, 0],
      ['Onderwerp m-nieuw', false, false, 0],
    ]);
    expect(await store.unread(suzanne, now)).toBe(1);
    const download = await store.downloadAt(`urn:voordeur:bijlage:${rows[0]!.id}:0`);
    expect(download?.document.bestandsnaam).toBe('uitslag.pdf');
    expect((await store.status('ggd', 'm-geopend'))?.geopend).toEqual(now);
    // Migration 0032 found the sender of the berichten there were.
    const inbox = await store.search(suzanne, { now, filter: 'alle', zoek: '', van: '', eigenAfzender: 'Gemeente', limit: 10 });
    expect(inbox.senders).toEqual(['GGD']);
    expect(await store.store('ggd', [bericht('m-geopend', suzanne), bericht('m-na', suzanne)])).toEqual(new Set(['m-na']));
    // Today's count of what was stored before migration 0033 (split the day's counts) is kept, and what is stored after adds to it.
    const [vandaag] = await new OrganisatieAansluiting(db).perDag('ggd', 1);
    expect(vandaag!.aantallen.verwerkt).toBe(rows.length + 1);
  });
});
