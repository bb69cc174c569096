/**
 * Where the PDF attachments of pushed berichten should live (issue 15, decision 0020): in the
 * database (bytea) or in S3-compatible storage, measured side by side in one run on PostgreSQL.
 * Two Voordeurs on one database: one without a bucket, one with every attachment in the bucket
 * (the S3 simulator, writing and fsyncing files on this machine, as MinIO would; it runs in this
 * process, so its work counts against Voordeur's CPU as a MinIO beside it would). For 50, 300 and
 * 500 kB PDFs (or the sizes in BENCH_BIJLAGEN_KB) (incompressible, as real ones are):
 * - ingest: berichten/s through the API in batches of 20 with one PDF each, answered after commit;
 *   the two alternate (database, bucket, bucket, database) so that the machine's load hits both;
 * - download: reading an attachment back through the store, as the person's download does
 *   (database row, or the bucket's stream), to the last byte, 4 at a time: MB/s, p50 and p99.
 * Prints the bucket/database ratios. Says so and stops when there is no PostgreSQL.
 *
 *   node --import tsx bench/bijlagen-opslag.ts   (BENCH_BIJLAGEN, default 200 per size and place; BENCH_BIJLAGEN_KB, default 50,300,500)
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { bijlagenBucket } from '../src/features/organisaties/index.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { IdentityKeys } from '../src/platform/identity-keys.ts';
import { OrganisatieBerichten } from '../src/sources/voordeur/organisatie-berichten.ts';
import { Organisaties } from '../src/sources/voordeur/organisaties.ts';
import { clientAssertion, organisatieKey, requestToken } from '../simulators/organisatie/client.ts';
import { registerS3Simulator } from '../simulators/s3/index.ts';
import { pdf } from '../simulators/zgw/content.ts';

const url = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const perRun = Number(process.env.BENCH_BIJLAGEN ?? 200);
const concurrency = 4;
const sizesKb = (process.env.BENCH_BIJLAGEN_KB ?? '50,300,500').split(',').map(Number);

const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
try {
  await admin.connect();
} catch (error) {
  console.log(`attachment storage benchmark skipped: no PostgreSQL at ${url} (${error instanceof Error ? error.message : error}); set DATABASE_URL`);
  process.exit(0);
}
const schema = `bench_${randomBytes(4).toString('hex')}`;
await admin.query(`create schema ${schema}`);
const scoped = new URL(url);
scoped.searchParams.set('options', `-c search_path=${schema}`);
const dir = await mkdtemp(join(tmpdir(), 'voordeur-bench-s3-'));

function bsn(n: number): string {
  for (let candidate = 100_000_000 + n * 13; ; candidate++) {
    const digits = String(candidate).split('').map(Number);
    const sum = digits.slice(0, 8).reduce((s, d, i) => s + d * (9 - i), 0) - digits[8]!;
    if (sum % 11 === 0) return String(candidate);
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;

const s3Server = Fastify({ logger: false });
try {
  const s3Port = 39_000 + Math.floor(Math.random() * 1000);
  const s3 = await registerS3Simulator(s3Server, {
    prefix: '/s3',
    baseUrl: `http://127.0.0.1:${s3Port}`,
    bucket: 'bench',
    region: 'us-east-1',
    accessKeyId: 'bench',
    secretAccessKey: 'bench-secret',
    dir,
  });
  await s3Server.listen({ host: '127.0.0.1', port: s3Port });
  const database = await openDatabase({ url: scoped.href, poolSize: 10, pgliteDir: '' });
  const environment = {
    NODE_ENV: 'production',
    DEMO_MODE: 'true',
    LOG_LEVEL: 'warn',
    OIDC_ISSUER: 'http://127.0.0.1:9/oidc',
    OIDC_CLIENT_ID: 'voordeur',
    OIDC_CLIENT_SECRET: 'voordeur-bench-secret',
    ORGANISATIE_API: 'true',
    ORGANISATIE_API_REQUESTS_PER_MINUTE: '1000000',
    PORT: '0',
  };
  const s3Environment = {
    ...environment,
    ORGANISATIE_BIJLAGEN_S3_ENDPOINT: s3.url,
    ORGANISATIE_BIJLAGEN_S3_BUCKET: 'bench',
    ORGANISATIE_BIJLAGEN_S3_ACCESS_KEY_ID: 'bench',
    ORGANISATIE_BIJLAGEN_S3_SECRET_ACCESS_KEY: 'bench-secret',
    ORGANISATIE_BIJLAGEN_S3_FORCE_PATH_STYLE: 'true',
    ORGANISATIE_BIJLAGEN_S3_THRESHOLD_BYTES: '0',
  };
  const key = await organisatieKey('b');
  const places = [] as { name: 'database' | 'bucket'; api: string; token: string; store: OrganisatieBerichten; close: () => Promise<void> }[];
  for (const [name, env] of [
    ['database', environment],
    ['bucket', s3Environment],
  ] as const) {
    const config = loadConfig(env);
    const voordeur = await buildApp(config, { database });
    const api = `${await voordeur.app.listen({ host: '127.0.0.1', port: 0 })}/api/v1`;
    if (name === 'database') await new Organisaties(database.db).save({ id: 'bench', naam: 'Bench', jwks: key.jwks });
    const token = (await requestToken(api, await clientAssertion(key, 'bench', new URL('/api/v1/token', config.publicUrl).href))).body.access_token!;
    const store = new OrganisatieBerichten(database.db, new IdentityKeys(config.identityKeySecret), { bucket: bijlagenBucket(config) });
    places.push({ name, api, token, store, close: () => voordeur.close() });
  }

  let sent = 0;
  /** Sends `perRun` berichten with one PDF each to `place`, 20 a batch, 4 batches at a time; berichten/s. */
  async function ingest(place: (typeof places)[number], label: string, inhoud: string): Promise<number> {
    const start = sent;
    sent += perRun;
    const bodies = Array.from({ length: Math.ceil(perRun / 20) }, (_, b) =>
      Buffer.from(
        JSON.stringify({
          berichten: Array.from({ length: Math.min(20, perRun - b * 20) }, (_, i) => ({
            berichtId: `${label}-${b * 20 + i}`,
            ontvanger: { bsn: bsn(start + b * 20 + i) },
            onderwerp: 'Aanslag gemeentelijke belastingen',
            tekst: 'In de bijlage vindt u uw aanslag.',
            bijlagen: [{ bestandsnaam: 'aanslag.pdf', inhoud }],
          })),
        }),
      ),
    );
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < bodies.length) {
          const answer = await fetch(`${place.api}/berichten`, {
            method: 'POST',
            headers: { authorization: `Bearer ${place.token}`, 'content-type': 'application/json' },
            body: bodies[next++]!,
          });
          const { resultaten } = (await answer.json()) as { resultaten: { resultaat: string }[] };
          const refused = resultaten.filter((r) => r.resultaat !== 'verwerkt');
          if (refused.length > 0) throw new Error(`${label}: ${refused.length} not verwerkt (${refused[0]!.resultaat})`);
        }
      }),
    );
    return perRun / ((performance.now() - started) / 1000);
  }

  /** Reads every attachment of berichten `label-*` back through the store, 4 at a time: MB/s and latencies. */
  async function download(place: (typeof places)[number], label: string) {
    const { rows } = await admin.query<{ id: string }>(`select id from ${schema}.organisatie_berichten where bericht_id like $1`, [`${label}-%`]);
    const urls = rows.map((row) => `urn:voordeur:bijlage:${row.id}:0`);
    const latencies: number[] = [];
    let bytes = 0;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < urls.length) {
          const begin = performance.now();
          const found = await place.store.downloadAt(urls[next++]!);
          for await (const chunk of found!.file.body) bytes += (chunk as Buffer).length;
          latencies.push(performance.now() - begin);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return { mbPerSecond: bytes / 1e6 / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  }

  const [inDatabase, inBucket] = places as [(typeof places)[number], (typeof places)[number]];
  await ingest(inDatabase, 'warm-db', Buffer.concat([pdf(['Warm']), randomBytes(10_000)]).toString('base64'));
  await ingest(inBucket, 'warm-s3', Buffer.concat([pdf(['Warm']), randomBytes(10_000)]).toString('base64'));
  const lines: string[] = [];
  for (const kb of sizesKb) {
    const inhoud = Buffer.concat([pdf(['Aanslag']), randomBytes(kb * 1024 - 1024)]).toString('base64');
    // Alternated, so that a change in the machine's load hits both places.
    const db1 = await ingest(inDatabase, `db-${kb}-a`, inhoud);
    const s31 = await ingest(inBucket, `s3-${kb}-a`, inhoud);
    const s32 = await ingest(inBucket, `s3-${kb}-b`, inhoud);
    const db2 = await ingest(inDatabase, `db-${kb}-b`, inhoud);
    const [dbIngest, s3Ingest] = [(db1 + db2) / 2, (s31 + s32) / 2];
    const dbDown = await download(inDatabase, `db-${kb}-a`);
    const s3Down = await download(inBucket, `s3-${kb}-a`);
    lines.push(
      `${String(kb).padStart(3)} kB | ingest/s database ${dbIngest.toFixed(0).padStart(4)}, bucket ${s3Ingest.toFixed(0).padStart(4)} (bucket/database ${(s3Ingest / dbIngest).toFixed(2)}) | ` +
        `download MB/s database ${dbDown.mbPerSecond.toFixed(0)}, bucket ${s3Down.mbPerSecond.toFixed(0)} (${(s3Down.mbPerSecond / dbDown.mbPerSecond).toFixed(2)}); ` +
        `p50/p99 ms database ${dbDown.p50.toFixed(1)}/${dbDown.p99.toFixed(1)}, bucket ${s3Down.p50.toFixed(1)}/${s3Down.p99.toFixed(1)}`,
    );
  }
  console.log(
    `attachments in the database vs in S3-compatible storage (simulator, fsync), PostgreSQL, ${perRun} berichten per size and place, ${concurrency} at a time:`,
  );
  for (const line of lines) console.log(line);
  for (const place of places) await place.close();
  await database.close();
} finally {
  await s3Server.close();
  await rm(dir, { recursive: true, force: true });
  await admin.query(`drop schema ${schema} cascade`);
  await admin.end();
}
