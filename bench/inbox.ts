/**
 * Mijn berichten at scale (issue 15, docs/decisions/0021-berichten-partitioned-by-recipient.md),
 * on PostgreSQL, in a database of its own (`bench_inbox`, made anew and dropped at the end):
 *
 * 1. Database time. Voordeur's migrations, then BENCH_ROWS (10,000,000) pushed berichten generated
 *    in SQL (generate_series, in two connections at once; the indexes and constraints of the
 *    migrations are dropped first and made again after, as a bulk load does): 10 % for 0.1 ‰ of
 *    the people ("heavy": about 5,000 each), 10 % for 1 ‰ ("medium": about 100 each), 80 % for
 *    the rest (about 4 each, Poisson), in time order (a person's berichten are spread over the
 *    table as they are when they arrive over three years); recipient_key the keyed hash Voordeur
 *    computes (HMAC-SHA-256 of `bsn:<bsn>`, pgcrypto here; checked against IdentityKeys); 85 %
 *    opened, 8 % archived, one in five with a handelingsperspectief, one in five with a PDF in the
 *    bucket. Then VACUUM ANALYZE. Then 200 companies logged in as a whole with two vestigingen
 *    each (three keys, ~300 berichten at each; added once, also to a kept database). Then per kind
 *    of person (and the companies), BENCH_CALLS (1,000) calls, one at a
 *    time, people in turn, of what the inbox page runs (OrganisatieBerichten.search: the first
 *    page of ten with their bijlagen, the number for the pager and the senders for the filter)
 *    and of the unread count (OrganisatieBerichten.unread), Voordeur's own
 *    code with a Kysely handle: database time is the sum of Kysely's query durations in the call
 *    (sent → rows parsed by pg), p50/p99; and EXPLAIN (ANALYZE, BUFFERS) of the queries of one
 *    call for a heavy person. And the same calls over other people of each kind with every query
 *    run as EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON): PostgreSQL's own planning + execution time,
 *    the database time without the network and the parsing of rows in this process.
 *    Target: p99 < 5 ms of database time (PostgreSQL's own).
 * 2. Page throughput of Mijn berichten for Suzanne with her 100 berichten from the Objecten API
 *    (simulator in its own process, sources after 0 ms) against the same 100 berichten pushed,
 *    read from Voordeur's PostgreSQL (the table of step 1), each Voordeur in a process of its own
 *    (bench/support/inbox-server.ts), closed loop (autocannon, BENCH_CONNECTIONS, BENCH_SECONDS,
 *    alternated twice): pages/s and the ratio pushed ÷ Objecten. Target: ratio ≥ 1.
 *
 *   node --import tsx bench/inbox.ts [--json]       (--json: one JSON object on stdout)
 *   BENCH_ROWS (10000000; e.g. 200000 for a quick check) BENCH_CALLS (1000)
 *   BENCH_SECONDS (10) BENCH_CONNECTIONS (20)
 *   BENCH_ADMIN_URL (postgres://postgres@127.0.0.1:5432/postgres: where bench_inbox is made)
 *   BENCH_KEEP=1 keeps bench_inbox afterwards; a next run with the same BENCH_ROWS then uses it
 *   instead of generating again (drop it yourself: `dropdb bench_inbox`)
 */
import { type ChildProcess, fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../src/platform/db/schema.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { IdentityKeys } from '../src/platform/identity-keys.ts';
import { OrganisatieBerichten } from '../src/sources/voordeur/organisatie-berichten.ts';
import type { Subject } from '../src/domain/identity.ts';

const json = process.argv.includes('--json');
const rows = Number(process.env.BENCH_ROWS ?? 10_000_000);
const calls = Number(process.env.BENCH_CALLS ?? 1_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const keep = process.env.BENCH_KEEP === '1';
/** Which steps run: `database` (the database time) and `pages` (the page throughput); both unless BENCH_PHASES names one. */
const phases = (process.env.BENCH_PHASES ?? 'database,pages').split(',');
const adminUrl = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const databaseName = process.env.BENCH_DATABASE ?? 'bench_inbox';
const benchUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  return url.href;
})();
/** The identity key secret of this benchmark: the SQL that generates the rows and Voordeur compute the same keys with it. */
const secret = 'voordeur-bench-inbox-identity-key-secret-0123456789';
const keys = new IdentityKeys(secret);
const say = (line: string) => (json ? console.error(line) : console.log(line));
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

/** The people: heavy ones first, then medium, then typical; person p has BSN 100000000 + p. */
const people = {
  heavy: Math.max(1, Math.round((rows * 0.1) / 5_000)),
  medium: Math.max(1, Math.round((rows * 0.1) / 100)),
  typical: Math.max(1, Math.round((rows * 0.8) / 4)),
};
const bsnOf = (p: number) => String(100_000_000 + p);
/** The keyed hash as Voordeur computes it (IdentityKeys.subject: HMAC-SHA-256 of `bsn:<bsn>`, base64url), in SQL. */
/** The keyed hash of a recipient as Voordeur computes it (IdentityKeys), in SQL: of `bsn:<bsn>`, or `kvk:<kvk>:<vestiging>`. */
const hmacSql = (plain: string) => `translate(encode(hmac(${plain}, '${secret}', 'sha256'), 'base64'), '+/=', '-_')`;
const keySql = (bsn: string) => hmacSql(`'bsn:' || ${bsn}`);

const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
try {
  await admin.connect();
} catch (error) {
  console.log(`inbox benchmark skipped: no PostgreSQL at ${adminUrl} (${error instanceof Error ? error.message : error}); set BENCH_ADMIN_URL`);
  process.exit(0);
}

const children: ChildProcess[] = [];
process.on('exit', () => {
  for (const child of children) child.kill();
});

/** The PostgreSQL time of each query Kysely ran since the last take(). */
let queryMs: number[] = [];
const take = () => {
  const taken = queryMs;
  queryMs = [];
  return taken;
};
/** The SQL and parameters of the queries since the last takeQueries() (for EXPLAIN). */
let queries: { sql: string; parameters: readonly unknown[] }[] = [];
const takeQueries = () => {
  const taken = queries;
  queries = [];
  return taken;
};
const pool = new pg.Pool({ connectionString: benchUrl, max: 4 });
// An idle connection ended by dropping an earlier bench_inbox is no failure.
pool.on('error', () => {});
const db = new Kysely<Database>({
  dialect: new PostgresDialect({ pool }),
  log(event) {
    if (event.level !== 'query') return;
    queryMs.push(event.queryDurationMillis);
    queries.push({ sql: event.query.sql, parameters: event.query.parameters });
  },
});

/**
 * A Kysely handle on the same database that runs every query as EXPLAIN (ANALYZE, TIMING OFF,
 * SUMMARY ON) and records PostgreSQL's own planning + execution time of it: the database time
 * without the network and without pg parsing the rows in this process. It answers Kysely with one
 * empty row (a count of 0, no senders), which OrganisatieBerichten reads as an empty inbox.
 */
let serverMs: number[] = [];
const explaining = new Kysely<Database>({
  dialect: new PostgresDialect({
    pool: {
      async connect() {
        const client = await pool.connect();
        return {
          async query(sqlText: string, parameters: readonly unknown[]) {
            const { rows } = await client.query(`explain (analyze, timing off, summary on, format json) ${sqlText}`, parameters as unknown[]);
            const plan = (rows[0] as { 'QUERY PLAN': { 'Planning Time': number; 'Execution Time': number }[] })['QUERY PLAN'][0]!;
            serverMs.push(plan['Planning Time'] + plan['Execution Time']);
            return { command: 'SELECT' as const, rowCount: 1, rows: [{ total: 0, senders: [], n: 0 }] };
          },
          release: () => client.release(),
        };
      },
      end: async () => {},
    } as unknown as pg.Pool,
  }),
});
const takeServer = () => {
  const taken = serverMs;
  serverMs = [];
  return taken;
};

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
const round = (n: number, digits = 2) => Number(n.toFixed(digits));

/** Generates `rows` berichten in the migrated schema; seconds it took. */
async function generate(): Promise<Record<string, number>> {
  const timings: Record<string, number> = {};
  const step = async (name: string, work: () => Promise<unknown>) => {
    const begin = performance.now();
    await work();
    timings[name] = round((performance.now() - begin) / 1000, 1);
    say(`  ${name}: ${timings[name]} s (load ${load()})`);
  };
  const session = async () => {
    const client = new pg.Client({ connectionString: benchUrl });
    // Ended when the database is dropped after a failure: that failure is what is reported.
    client.on('error', () => {});
    await client.connect();
    // A bulk load: no triggers (the counts per day of the leveranciersportaal) and no foreign key checks row by row, a commit that need not wait for the disk.
    await client.query(`set session_replication_role = replica; set synchronous_commit = off; set work_mem = '64MB'`);
    return client;
  };
  const c = await session();
  await c.query('create extension if not exists pgcrypto');
  await c.query(
    `insert into organisaties (id, naam, jwks) select 'org-' || lpad(n::text, 2, '0'), 'Organisatie ' || n, '{"keys":[]}' from generate_series(0, 49) n`,
  );

  // What the migrations made on the two big tables, to be made again after the load.
  const tables = `('organisatie_berichten'::regclass, 'organisatie_bericht_ids'::regclass)`;
  const { rows: foreign } = await c.query<{ tbl: string; name: string; def: string }>(
    `select conrelid::regclass::text as tbl, conname as name, pg_get_constraintdef(oid) as def from pg_constraint
     where contype = 'f' and conparentid = 0 and (conrelid in ${tables} or confrelid in ${tables})`,
  );
  const { rows: unique } = await c.query<{ tbl: string; name: string; def: string }>(
    `select conrelid::regclass::text as tbl, conname as name, pg_get_constraintdef(oid) as def from pg_constraint
     where contype in ('p', 'u') and conparentid = 0 and conrelid in ${tables}`,
  );
  const { rows: indexes } = await c.query<{ name: string; def: string }>(
    `select indexname as name, indexdef as def from pg_indexes
     where tablename in ('organisatie_berichten', 'organisatie_bericht_ids') and schemaname = 'public' and indexname not in (${unique.map((u) => `'${u.name}'`).join(', ')})`,
  );
  for (const f of foreign) await c.query(`alter table ${f.tbl} drop constraint ${f.name}`);
  for (const u of unique) await c.query(`alter table ${u.tbl} drop constraint ${u.name}`);
  for (const i of indexes) await c.query(`drop index ${i.name}`);

  const { heavy, medium, typical } = people;
  // Row i: the 3 years before now in time order; i mod 10 = 0 a heavy person's, 1 a medium one's, else a typical one's (hashed: Poisson).
  const insert = (from: number, to: number) => `
    insert into organisatie_berichten (id, organisatie_id, bericht_id, recipient_key, recipient, onderwerp, tekst, referentie,
      handelingsperspectief, einddatum_handelingstermijn, publicatiedatum, received_at, opened_at, archived_at)
    select gen_random_uuid(), 'org-' || lpad((v % 50)::text, 2, '0'), 'b-' || i, ${keySql('(100000000 + p)::text')},
      md5(i::text) || md5(v::text) || left(md5(p::text), 16),
      (array['Aanslag gemeentelijke belastingen', 'Uw aanvraag is ontvangen', 'Herinnering: betaal uw aanslag', 'Besluit op uw aanvraag',
             'Uw afspraak bij de GGD', 'Wijziging in uw uitkering', 'Aanslag waterschapsbelasting', 'Informatie over uw huurtoeslag'])[(1 + v % 8)::int],
      repeat('Beste inwoner, in de bijlage vindt u ons besluit. Leest u het goed; heeft u vragen, kijk dan op https://www.voorbeeldstad.nl/contact. ', (1 + (v / 8) % 5)::int),
      case when v % 2 = 0 then 'Z-2026-' || i end,
      case when v % 5 = 0 then 'Betalen vóór de vervaldatum' end,
      case when v % 5 = 0 then to_char(pub + interval '30 days', 'YYYY-MM-DD') end,
      pub, pub - interval '1 minute',
      case when (v / 40) % 100 < 85 and pub < now() then pub + interval '1 day' end,
      case when (v / 40) % 100 < 8 and pub < now() then pub + interval '2 days' end
    from (
      select i, v,
        case i % 10 when 0 then v % ${heavy} when 1 then ${heavy} + v % ${medium} else ${heavy + medium} + (v / 7) % ${typical} end as p,
        now() - interval '3 years' * (${rows} - i)::float8 / ${rows} + case when v % 1000 = 0 then interval '10 days' else interval '0' end as pub
      from (select i, hashint8(i)::bigint + 2147483648 as v from generate_series(${from}::bigint, ${to}::bigint) i) hashed
    ) r`;
  const half = Math.floor(rows / 2);
  const d = await session();
  await step(`${rows.toLocaleString('en')} berichten (2 connections)`, () => Promise.all([c.query(insert(1, half)), d.query(insert(half + 1, rows))]));
  await step('their ids (organisatie_bericht_ids)', () =>
    Promise.all(
      [
        [c, '<'],
        [d, '>='],
      ].map(([client, op]) =>
        (client as pg.Client).query(
          `insert into organisatie_bericht_ids (id, organisatie_id, bericht_id, recipient_key)
           select id, organisatie_id, bericht_id, recipient_key from organisatie_berichten where substr(bericht_id, 3)::bigint ${op} ${half + 1}`,
        ),
      ),
    ),
  );
  await step('a PDF (in the bucket) for one in five', () =>
    c.query(`insert into organisatie_bijlagen (bericht_uuid, index, bestandsnaam, storage_key, grootte)
             select id, 0, 'besluit.pdf', 'organisatie-bijlagen/' || id, 150000 from organisatie_berichten where (substr(bericht_id, 3)::bigint / 10) % 5 = 2`),
  );
  await step('the senders of each recipient (organisatie_afzenders)', () =>
    c.query(`insert into organisatie_afzenders (recipient_key, organisatie_id, eerste_publicatie)
             select recipient_key, organisatie_id, min(publicatiedatum) from organisatie_berichten group by recipient_key, organisatie_id`),
  );
  await c.query(`set maintenance_work_mem = '512MB'`);
  await d.query(`set maintenance_work_mem = '512MB'`);
  // The indexes of the migrations again, the two tables at once.
  // pg_indexes says `ON ONLY` for an index of a partitioned table, which would make it on the parent alone (invalid, never used): on every partition.
  const berichtenIndexes = [
    ...indexes.map((i) => ({ tbl: 'organisatie_berichten', sql: i.def.replace(' ON ONLY ', ' ON ') })),
    ...unique.map((u) => ({ tbl: u.tbl, sql: `alter table ${u.tbl} add constraint ${u.name} ${u.def}` })),
  ];
  await step('indexes and unique constraints of the migrations', () =>
    Promise.all([
      (async () => {
        for (const i of berichtenIndexes.filter((i) => i.tbl === 'organisatie_berichten')) await c.query(i.sql);
      })(),
      (async () => {
        for (const i of berichtenIndexes.filter((i) => i.tbl !== 'organisatie_berichten')) await d.query(i.sql);
      })(),
    ]),
  );
  await step('foreign keys of the migrations (checked)', async () => {
    for (const f of foreign) await c.query(`alter table ${f.tbl} add constraint ${f.name} ${f.def}`);
  });
  await step('vacuum analyze', () =>
    Promise.all([
      c.query('vacuum analyze organisatie_berichten'),
      d.query('vacuum analyze organisatie_bericht_ids').then(() => d.query('vacuum analyze organisatie_bijlagen')),
    ]),
  );
  const invalid = await c.query(
    `select indexrelid::regclass::text as name from pg_index where indrelid = 'organisatie_berichten'::regclass and not indisvalid`,
  );
  if (invalid.rowCount) throw new Error(`indexes not made on every partition: ${invalid.rows.map((r) => r.name).join(', ')}`);
  await c.query(`create table bench_inbox_meta (rows bigint not null)`);
  await c.query(`insert into bench_inbox_meta values (${rows})`);
  await c.end();
  await d.end();
  return timings;
}

/** A shuffled list of `count` people from [from, from + size). */
function pick(from: number, size: number, count: number): number[] {
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, size)) chosen.add(from + Math.floor(Math.random() * size));
  return [...chosen];
}

/** What the first page of Mijn berichten asks the store (all berichten in the inbox, no search, no sender; the default page size). */
const firstPage = (now: Date) => ({ now, filter: 'alle' as const, zoek: '', van: '', eigenAfzender: 'Gemeente Voorbeeldstad', limit: 10 });

interface Measured {
  kind: string;
  people: number;
  berichtenMedian: number;
  berichtenMax: number;
  query: 'inbox' | 'unread';
  calls: number;
  dbP50Ms: number;
  dbP99Ms: number;
  dbMaxMs: number;
  callP99Ms: number;
  /** PostgreSQL's planning + execution time (EXPLAIN ANALYZE), in a pass of its own over other people of the kind. */
  serverP50Ms: number;
  serverP99Ms: number;
}

try {
  // A bench_inbox of an earlier run is used when it was kept (BENCH_KEEP=1) with the same BENCH_ROWS; else it is made anew.
  let reuse = false;
  if ((await admin.query(`select 1 from pg_database where datname = $1`, [databaseName])).rowCount) {
    const meta = await pool.query<{ rows: string }>(`select rows from bench_inbox_meta`).catch(() => ({ rows: [] as { rows: string }[] }));
    reuse = keep && Number(meta.rows[0]?.rows) === rows;
    if (!reuse) await admin.query(`drop database ${databaseName} with (force)`);
  }
  say(`inbox benchmark on PostgreSQL (${databaseName}); load ${load()}`);
  let generation: Record<string, number> = {};
  if (reuse) {
    // Migrations newer than the kept database are applied to it (each fills what it adds from the rows there).
    const applied = await migrateToLatest(db);
    say(
      `using ${databaseName} with ${rows.toLocaleString('en')} berichten from an earlier run (BENCH_KEEP=1)${applied.length ? `; applied ${applied.join(', ')}` : ''}`,
    );
  } else {
    await admin.query(`create database ${databaseName}`);
    const applied = await migrateToLatest(db);
    say(
      `Voordeur's migrations (${applied.length}, up to ${applied.at(-1)}); generating ${rows.toLocaleString('en')} berichten for ${Object.values(people)
        .reduce((a, b) => a + b)
        .toLocaleString('en')} people (${people.heavy} heavy, ${people.medium} medium, ${people.typical} typical)`,
    );
    generation = await generate();
  }
  const { rows: sizes } = await pool.query<{ n: string; bytes: string }>(
    `select (select count(*) from organisatie_bericht_ids) as n, pg_total_relation_size('organisatie_berichten') + (select coalesce(sum(pg_total_relation_size(inhrelid)), 0) from pg_inherits where inhparent = 'organisatie_berichten'::regclass) as bytes`,
  );
  say(`${Number(sizes[0]!.n).toLocaleString('en')} berichten, ${(Number(sizes[0]!.bytes) / 1024 ** 3).toFixed(1)} GB with their indexes`);

  // The SQL keys and Voordeur's are the same (else every person below would have an empty inbox).
  const sample = [0, people.heavy, people.heavy + people.medium + 17];
  const { rows: sqlKeys } = await pool.query<{ k: string }>(`select ${keySql('$1::text')} as k`, [bsnOf(sample[2]!)]);
  if (sqlKeys[0]!.k !== keys.person(bsnOf(sample[2]!))) throw new Error('the generated recipient_key is not the keyed hash Voordeur computes');

  // Companies logged in as a whole, each with two vestigingen: three keys, ~300 berichten at each (company-wide and per vestiging).
  const companies = 200;
  const kvkOf = (c: number) => String(80_000_000 + c);
  const companySubject = (c: number): Subject => ({ type: 'bedrijf', kvkNummer: kvkOf(c), vestigingen: [`000${kvkOf(c)}1`, `000${kvkOf(c)}2`] });
  if (!(await pool.query(`select 1 from organisatie_bericht_ids where bericht_id = 'c-1'`)).rowCount) {
    const started = performance.now();
    await pool.query(`
      with rows as (
        select i, hashint8(i)::bigint + 2147483648 as v, (i % ${companies}) as c, (i / ${companies}) % 3 as at,
          now() - interval '3 years' * random() as pub
        from generate_series(1, ${companies * 900}) i
      ), keyed as (
        select *, ${hmacSql(`'kvk:' || (80000000 + c)::text || ':' || case at when 0 then '' else '000' || (80000000 + c)::text || at::text end`)} as k from rows
      ), stored as (
        insert into organisatie_berichten (id, organisatie_id, bericht_id, recipient_key, recipient, onderwerp, tekst, publicatiedatum, received_at, opened_at)
        select gen_random_uuid(), 'org-' || lpad((v % 50)::text, 2, '0'), 'c-' || i, k, md5(i::text), 'Aanslag voor uw bedrijf', 'Beste ondernemer.', pub,
          pub - interval '1 minute', case when v % 100 < 85 then pub + interval '1 day' end
        from keyed returning id, organisatie_id, bericht_id, recipient_key, publicatiedatum
      ), ids as (
        insert into organisatie_bericht_ids (id, organisatie_id, bericht_id, recipient_key) select id, organisatie_id, bericht_id, recipient_key from stored
      )
      insert into organisatie_afzenders (recipient_key, organisatie_id, eerste_publicatie)
      select recipient_key, organisatie_id, min(publicatiedatum) from stored group by recipient_key, organisatie_id`);
    await pool.query('vacuum analyze organisatie_berichten, organisatie_bericht_ids, organisatie_afzenders');
    say(
      `${(companies * 900).toLocaleString('en')} berichten for ${companies} companies with two vestigingen each added: ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }

  const store = new OrganisatieBerichten(db, keys);
  let worst = Number.NaN;
  let worstServer = Number.NaN;
  let measuredLoad = '';
  const results: Measured[] = [];
  const plans: { sql: string; plan: string }[] = [];
  if (phases.includes('database')) {
    const persons = (ps: number[]) => ps.map((p): Subject => ({ type: 'persoon', bsn: bsnOf(p) }));
    // Each kind twice: people for the calls as Voordeur makes them, and others for the pass that
    // asks PostgreSQL's own time (there are only 200 heavy people and 200 companies: the same ones).
    const kinds = [
      { kind: 'typical', people: persons(pick(people.heavy + people.medium, people.typical, 1000)) },
      { kind: 'medium', people: persons(pick(people.heavy, people.medium, 400)) },
      { kind: 'heavy', people: persons(pick(0, people.heavy, 200)) },
      { kind: 'company', people: pick(0, companies, companies).map(companySubject) },
    ].map(({ kind, people: ps }) => {
      const half = ps.length > 200 ? ps.length / 2 : ps.length;
      return { kind, people: ps.slice(0, half), others: ps.slice(ps.length - half) };
    });
    const explained = new OrganisatieBerichten(explaining, keys);
    const now = new Date();
    // A first pass over everyone (not counted), as the connections and the plans warm up.
    for (const { people: ps } of kinds) for (const subject of ps.slice(0, 20)) await store.search(subject, firstPage(now));
    take();
    for (const { kind, people: ps, others } of kinds) {
      const counts = await Promise.all(
        ps.map(async (subject) =>
          Number(
            (
              await pool.query(
                // In the inbox or archived: each in its own partial index (migration 0031).
                `select (select count(*) from organisatie_berichten where recipient_key = any($1) and archived_at is null) + (select count(*) from organisatie_berichten where recipient_key = any($1) and archived_at is not null) as n`,
                [keys.visibleTo(subject)],
              )
            ).rows[0].n,
          ),
        ),
      );
      counts.sort((a, b) => a - b);
      if (counts.at(-1) === 0) throw new Error(`no berichten for the ${kind} people: the keys do not match`);
      for (const query of ['inbox', 'unread'] as const) {
        const times: number[] = [];
        const whole: number[] = [];
        for (let call = 0; call < calls; call++) {
          const subject = ps[call % ps.length]!;
          take();
          const begin = performance.now();
          if (query === 'inbox') await store.search(subject, firstPage(now));
          else await store.unread(subject, now);
          whole.push(performance.now() - begin);
          times.push(take().reduce((a, b) => a + b, 0));
        }
        const server: number[] = [];
        for (let call = 0; call < calls; call++) {
          const subject = others[call % others.length]!;
          takeServer();
          if (query === 'inbox') await explained.search(subject, firstPage(now));
          else await explained.unread(subject, now);
          server.push(takeServer().reduce((a, b) => a + b, 0));
        }
        times.sort((a, b) => a - b);
        whole.sort((a, b) => a - b);
        server.sort((a, b) => a - b);
        results.push({
          kind,
          people: ps.length,
          berichtenMedian: percentile(counts, 50),
          berichtenMax: counts.at(-1)!,
          query,
          calls,
          dbP50Ms: round(percentile(times, 50)),
          dbP99Ms: round(percentile(times, 99)),
          dbMaxMs: round(times.at(-1)!),
          callP99Ms: round(percentile(whole, 99)),
          serverP50Ms: round(percentile(server, 50)),
          serverP99Ms: round(percentile(server, 99)),
        });
      }
    }
    measuredLoad = load();
    say(
      `\ntime per call, ${calls} calls each, one at a time; load ${measuredLoad}. At the client: Kysely's query durations (sent → rows parsed by pg in this process); in PostgreSQL: its planning + execution time (EXPLAIN ANALYZE, TIMING OFF), ${calls} calls over other people of the kind`,
    );
    say(
      `${'people'.padEnd(8)} ${'berichten (median, max)'.padEnd(24)} ${'query'.padEnd(7)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'max ms'.padStart(7)} ${'call p99'.padStart(9)} ${'PG p50'.padStart(7)} ${'PG p99'.padStart(7)}`,
    );
    for (const r of results)
      say(
        `${r.kind.padEnd(8)} ${`${r.berichtenMedian}, ${r.berichtenMax}`.padEnd(24)} ${r.query.padEnd(7)} ${r.dbP50Ms.toFixed(2).padStart(7)} ${r.dbP99Ms.toFixed(2).padStart(7)} ${r.dbMaxMs.toFixed(2).padStart(7)} ${r.callP99Ms.toFixed(2).padStart(9)} ${r.serverP50Ms.toFixed(2).padStart(7)} ${r.serverP99Ms.toFixed(2).padStart(7)}`,
      );
    worst = Math.max(...results.map((r) => r.dbP99Ms));
    worstServer = Math.max(...results.map((r) => r.serverP99Ms));
    say(
      `worst p99 of database time: in PostgreSQL ${worstServer} ms (target < 5 ms) — ${worstServer < 5 ? 'MET' : 'NOT MET'}; at the client, with the network and parsing the rows, ${worst} ms`,
    );

    // The plans of one heavy person's inbox and unread count: the queries Voordeur's code sent.
    const heavy = kinds[2]!.people[0]!;
    takeQueries();
    await store.search(heavy, firstPage(now));
    await store.unread(heavy, now);
    for (const q of takeQueries()) {
      const { rows: plan } = await pool.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${q.sql}`, q.parameters as unknown[]);
      const shortSql = q.sql.replace(/\$\d+(, \$\d+)+/g, (all) => `$… (${all.split(',').length} parameters)`);
      plans.push({ sql: shortSql, plan: plan.map((r) => r['QUERY PLAN']).join('\n') });
    }
    say(`\nEXPLAIN (ANALYZE, BUFFERS) of one heavy person's inbox and unread count:`);
    for (const p of plans) say(`\n${p.sql}\n${p.plan}`);
  }

  // 2. Page throughput: Objecten API against pushed, Suzanne's 100 berichten.
  let page: object | undefined;
  if (phases.includes('pages')) {
    const start = (file: string, env: Record<string, string>) => {
      const child = fork(new URL(file, import.meta.url).pathname, [], {
        execArgv: ['--import', 'tsx'],
        env: { ...process.env, NODE_ENV: 'production', ...env },
        stdio: ['ignore', 2, 2, 'ipc'],
      });
      children.push(child);
      return child;
    };
    const ready = <T>(child: ChildProcess) =>
      new Promise<T>((resolve, reject) => {
        child.on('message', (message: { ready?: boolean }) => message.ready && resolve(message as T));
        child.once('exit', (code) => reject(new Error(`child exited with ${code}`)));
      });
    await pool.query(`create schema if not exists inbox_objecten`);
    const objectenUrl = new URL(benchUrl);
    objectenUrl.searchParams.set('options', '-c search_path=inbox_objecten');
    const simulators = start('./support/pages-simulators.ts', {});
    const simulatorsReady = await ready<object>(simulators);
    const servers = {
      objecten: start('./support/inbox-server.ts', {
        BENCH_SIMULATORS: JSON.stringify(simulatorsReady),
        BENCH_INBOX_MODE: 'objecten',
        BENCH_INBOX_DATABASE_URL: objectenUrl.href,
        BENCH_IDENTITY_KEY_SECRET: secret,
      }),
      pushed: start('./support/inbox-server.ts', {
        BENCH_SIMULATORS: JSON.stringify(simulatorsReady),
        BENCH_INBOX_MODE: 'pushed',
        BENCH_INBOX_DATABASE_URL: benchUrl,
        BENCH_IDENTITY_KEY_SECRET: secret,
      }),
    };
    const pages = {
      objecten: await ready<{ url: string; cookie: string; berichten: number; bytes: number }>(servers.objecten),
      pushed: await ready<{ url: string; cookie: string; berichten: number; bytes: number }>(servers.pushed),
    };
    const throughput: Record<'objecten' | 'pushed', number[]> = { objecten: [], pushed: [] };
    const p99: Record<'objecten' | 'pushed', number[]> = { objecten: [], pushed: [] };
    /** Voordeur's CPU ms per page (its process's CPU time over the phase ÷ pages answered): less at the mercy of the machine's load than pages/s. */
    const cpuMs: Record<'objecten' | 'pushed', number[]> = { objecten: [], pushed: [] };
    const cpuOf = (mode: 'objecten' | 'pushed') =>
      new Promise<number>((resolve) => {
        const onMessage = (message: { usage?: { cpu: NodeJS.CpuUsage } }) => {
          if (!message.usage) return;
          servers[mode].off('message', onMessage);
          resolve((message.usage.cpu.user + message.usage.cpu.system) / 1000);
        };
        servers[mode].on('message', onMessage);
        servers[mode].send({ usage: true });
      });
    const closedLoop = async (mode: 'objecten' | 'pushed', duration: number) => {
      const result = await autocannon({ url: `${pages[mode].url}/berichten`, connections, duration, headers: { cookie: pages[mode].cookie } });
      if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) throw new Error(`${mode}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
      return result;
    };
    for (const mode of ['objecten', 'pushed'] as const) await closedLoop(mode, Math.min(2, seconds)); // warm up
    for (let round = 0; round < 2; round++)
      for (const mode of ['objecten', 'pushed'] as const) {
        const before = await cpuOf(mode);
        const result = await closedLoop(mode, seconds);
        cpuMs[mode].push(((await cpuOf(mode)) - before) / result['2xx']);
        throughput[mode].push(result.requests.average);
        p99[mode].push(result.latency.p99);
      }
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const measured = {
      berichten: { objecten: pages.objecten.berichten, pushed: pages.pushed.berichten },
      bytes: { objecten: pages.objecten.bytes, pushed: pages.pushed.bytes },
      pagesPerSecond: { objecten: Math.round(mean(throughput.objecten)), pushed: Math.round(mean(throughput.pushed)) },
      p99Ms: { objecten: Math.max(...p99.objecten), pushed: Math.max(...p99.pushed) },
      cpuMsPerPage: { objecten: round(mean(cpuMs.objecten)), pushed: round(mean(cpuMs.pushed)) },
      ratio: round(mean(throughput.pushed) / mean(throughput.objecten)),
      load: load(),
    };
    say(
      `\nMijn berichten for Suzanne, closed loop, ${connections} connections, 2 × ${seconds} s each, alternated; load ${measured.load}\n` +
        `  from the Objecten API (simulator, 0 ms): ${measured.berichten.objecten} berichten, ${measured.pagesPerSecond.objecten} pages/s, p99 ${measured.p99Ms.objecten} ms, Voordeur's CPU ${measured.cpuMsPerPage.objecten} ms/page\n` +
        `  pushed (PostgreSQL, ${Number(sizes[0]!.n).toLocaleString('en')} berichten in the table): ${measured.berichten.pushed} berichten, ${measured.pagesPerSecond.pushed} pages/s, p99 ${measured.p99Ms.pushed} ms, Voordeur's CPU ${measured.cpuMsPerPage.pushed} ms/page\n` +
        `  ratio pushed ÷ Objecten ${measured.ratio} (target ≥ 1) — ${measured.ratio >= 1 ? 'MET' : 'NOT MET'}`,
    );
    for (const child of children) if (child.connected) child.disconnect();
    await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)))));
    page = measured;
  }

  if (json)
    process.stdout.write(
      `${JSON.stringify({ rows, people, generationSeconds: generation, database: results, worstP99Ms: worst, worstServerP99Ms: worstServer, loadWhileMeasured: measuredLoad, plans, page })}\n`,
    );
} finally {
  await db.destroy().catch(() => {});
  if (!keep) await admin.query(`drop database if exists ${databaseName} with (force)`);
  await admin.end();
}
