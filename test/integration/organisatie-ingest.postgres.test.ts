/**
 * Batches of one organisation stored at the same moment on PostgreSQL (several connections): a
 * batch does not wait for another that is still being written (a batch with 20 PDFs of 300 kB is
 * 6 MB to write), and the counts per day the leveranciersportaal shows still add up. Each batch's
 * transaction counts its result codes; with one row per day and code, every batch of the
 * organisation waited for the one before it to commit (migration 0033 splits the day's counts).
 */
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import type { Database } from '../../src/platform/db/schema.ts';
import { IdentityKeys } from '../../src/platform/identity-keys.ts';
import { OrganisatieAansluiting } from '../../src/sources/voordeur/organisatie-aansluiting.ts';
import { OrganisatieBerichten, type CountRefusals, type NewOrganisatieBericht } from '../../src/sources/voordeur/organisatie-berichten.ts';
import { Organisaties } from '../../src/sources/voordeur/organisaties.ts';
import { testDatabase } from '../support/database.ts';

const keys = new IdentityKeys('k'.repeat(40));
const bericht = (berichtId: string, bsn: string): NewOrganisatieBericht => ({
  berichtId,
  ontvanger: { type: 'persoon', bsn },
  onderwerp: 'Uw aanslag',
  tekst: 'Beste inwoner,\n\nIn de bijlage vindt u uw aanslag.',
  publicatiedatum: new Date(Date.now() - 60_000),
  bijlagen: [{ bestandsnaam: 'aanslag.pdf', inhoud: Buffer.from('%PDF-1.7\n%%EOF\n') }],
});
const backendPid = async (db: Kysely<Database>) => (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]!.pid;

describe('batches of one organisation at the same moment (PostgreSQL)', () => {
  let database: DatabaseHandle;
  let aansluiting: OrganisatieAansluiting;
  beforeAll(async () => {
    database = await testDatabase();
    aansluiting = new OrganisatieAansluiting(database.db);
    await new Organisaties(database.db).save({ id: 'bsgw', naam: 'Belastingsamenwerking', jwks: { keys: [] } });
  });
  afterAll(() => database.close());

  it('stores a batch while another batch of the organisation is still being written, and counts both', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const writing = new Promise<void>((resolve) => (written = resolve));
    // The first batch counts what it stored and refused, then stays open: as a batch with large attachments that is still being written.
    const countAndHold: CountRefusals = async (organisatieId, counts, trx) => {
      await aansluiting.countRefusals(organisatieId, counts, trx);
      written();
      await held;
    };
    const count: CountRefusals = (organisatieId, counts, trx) => aansluiting.countRefusals(organisatieId, counts, trx);

    // Each batch on a connection of its own (as the pool gives them to requests at the same moment); the day's
    // counts are split by the connection's process (migration 0033), so two connections whose process ids
    // share a part would still wait for each other: such a second connection is passed over, as 15 in 16 are not.
    await database.db.connection().execute(async (first) => {
      const firstPart = (await backendPid(first)) % 16;
      const firstBatch = new OrganisatieBerichten(first, keys, { countRefusals: countAndHold }).store('bsgw', [bericht('a-1', '111222333')], {
        refused: { ongeldig: 1 },
      });
      await writing;
      const other = async (tries: number): Promise<Set<string>> =>
        database.db.connection().execute(async (second) => {
          if ((await backendPid(second)) % 16 === firstPart && tries > 0) return other(tries - 1);
          const secondBatch = new OrganisatieBerichten(second, keys, { countRefusals: count }).store('bsgw', [bericht('b-1', '123456782')], {
            refused: { ongeldig: 1 },
          });
          const waited = new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 5_000));
          return Promise.race([secondBatch, waited]).then((result) => {
            if (result === 'waited') throw new Error('the second batch waited for the first to commit');
            return result;
          });
        });
      try {
        expect(await other(3)).toEqual(new Set(['b-1']));
      } finally {
        release();
      }
      expect(await firstBatch).toEqual(new Set(['a-1']));
    });

    const [vandaag] = await aansluiting.perDag('bsgw', 1);
    expect(vandaag!.aantallen).toMatchObject({ verwerkt: 2, ongeldig: 2 });
  });
});
