/**
 * Ingest of the organisation API on PostgreSQL (issue 15): berichten/s stored durably (the answer
 * comes after the commit), through HTTP with a real access token, for batches of 1,000 without
 * attachments and batches of 20 with one 300 kB PDF each, each for a different recipient. Voordeur
 * runs in this process on a schema of its own in the database at DATABASE_URL or
 * TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), dropped afterwards; says so
 * and stops when there is none. For scale it then inserts the same batches as bare rows straight into
 * PostgreSQL (no HTTP, no checks, one multi-row insert per batch) and prints Voordeur's share of that
 * ceiling: on a machine whose disk or CPU cannot take 200 × 300 kB a second even without Voordeur,
 * the ratio says whether the rest is Voordeur's.
 *
 *   node --import tsx bench/organisaties.ts      (BENCH_BERICHTEN, default 20,000; BENCH_CONCURRENCY, 4)
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { Organisaties } from '../src/sources/voordeur/organisaties.ts';
import { clientAssertion, organisatieKey, requestToken } from '../simulators/organisatie/client.ts';
import { pdf } from '../simulators/zgw/content.ts';

const url = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const total = Number(process.env.BENCH_BERICHTEN ?? 20_000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 4);

const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
try {
  await admin.connect();
} catch (error) {
  console.log(`organisation API benchmark skipped: no PostgreSQL at ${url} (${error instanceof Error ? error.message : error}); set DATABASE_URL`);
  process.exit(0);
}
const schema = `bench_${randomBytes(4).toString('hex')}`;
await admin.query(`create schema ${schema}`);
const scoped = new URL(url);
scoped.searchParams.set('options', `-c search_path=${schema}`);

/** A valid BSN (elfproef) for each n: 9 digits whose weighted sum is a multiple of 11. */
function bsn(n: number): string {
  for (let candidate = 100_000_000 + n * 13; ; candidate++) {
    const digits = String(candidate).split('').map(Number);
    const sum = digits.slice(0, 8).reduce((s, d, i) => s + d * (9 - i), 0) - digits[8]!;
    if (sum % 11 === 0) return String(candidate);
  }
}

try {
  const database = await openDatabase({ url: scoped.href, poolSize: 10, pgliteDir: '' });
  const config = loadConfig({
    NODE_ENV: 'production',
    DEMO_MODE: 'true',
    LOG_LEVEL: 'warn',
    OIDC_ISSUER: 'http://127.0.0.1:9/oidc',
    OIDC_CLIENT_ID: 'voordeur',
    OIDC_CLIENT_SECRET: 'voordeur-bench-secret',
    ORGANISATIE_API: 'true',
    ORGANISATIE_API_REQUESTS_PER_MINUTE: '1000000',
    PORT: '0',
  });
  const voordeur = await buildApp(config, { database });
  const address = await voordeur.app.listen({ host: '127.0.0.1', port: 0 });
  // Tokens are for the configured PUBLIC_URL's token URL; requests go to the listening address.
  const api = `${address}/api/v1`;
  const audience = new URL('/api/v1/token', config.publicUrl).href;

  const key = await organisatieKey('b');
  await new Organisaties(database.db).save({ id: 'bench', naam: 'Bench', jwks: key.jwks });
  const access_token = (await requestToken(api, await clientAssertion(key, 'bench', audience))).body.access_token!;

  /** CPU time of this process (Voordeur, and the client's sending) per bericht of the last run, in ms: less at the mercy of the machine's load than berichten/s. */
  let cpuMsPerBericht = 0;

  /** Sends `count` berichten in batches of `batch`, `concurrency` batches at a time; berichten/s. */
  async function run(label: string, count: number, batch: number, bijlage?: string): Promise<number> {
    // Encoded once beforehand, as a client on another machine would: the client's own work in this process is not Voordeur's.
    const bodies = Array.from({ length: Math.ceil(count / batch) }, (_, b) =>
      Buffer.from(
        JSON.stringify({
          berichten: Array.from({ length: Math.min(batch, count - b * batch) }, (_, i) => {
            const n = b * batch + i;
            return {
              berichtId: `${label}-${n}`,
              ontvanger: { bsn: bsn(n) },
              onderwerp: 'Aanslag gemeentelijke belastingen',
              tekst: 'Beste inwoner,\n\nIn de bijlage vindt u uw aanslag.',
              ...(bijlage ? { bijlagen: [{ bestandsnaam: 'aanslag.pdf', inhoud: bijlage }] } : {}),
            };
          }),
        }),
      ),
    );
    let next = 0;
    let refused = 0;
    const cpu = process.cpuUsage();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++]!;
          const answer = await fetch(`${api}/berichten`, {
            method: 'POST',
            headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
            body,
          });
          const { resultaten } = (await answer.json()) as { resultaten: { resultaat: string }[] };
          refused += resultaten.filter((r) => r.resultaat !== 'verwerkt').length;
        }
      }),
    );
    const perSecond = count / ((performance.now() - started) / 1000);
    const used = process.cpuUsage(cpu);
    cpuMsPerBericht = (used.user + used.system) / 1000 / count;
    if (refused > 0) throw new Error(`${refused} berichten not verwerkt in ${label}`);
    return perSecond;
  }

  // A PDF's pages are compressed streams: random bytes after a real PDF are as (in)compressible as the real thing.
  const pdf300kB = Buffer.concat([pdf(['Aanslag']), randomBytes(300 * 1024)]).toString('base64');
  await run('warm', 2_000, 1_000);
  const plain = await run('plain', total, 1_000);
  const plainCpu = cpuMsPerBericht;
  const withPdf = await run('pdf', Math.min(1_000, total), 20, pdf300kB);
  const pdfCpu = cpuMsPerBericht;
  const { rows } = await admin.query(`select count(*)::int as n from ${schema}.organisatie_berichten`);

  /**
   * What this machine's PostgreSQL can do without Voordeur, in the same run: the same number of rows
   * inserted as bare rows (a multi-row insert per batch, one transaction each, `concurrency` at a
   * time, durable commits), so that the ratio says how much of the ceiling Voordeur reaches.
   */
  async function bare(count: number, batch: number, columns: [name: string, type: string][], row: () => unknown[]): Promise<number> {
    const pool = new pg.Pool({ connectionString: scoped.href, max: concurrency });
    await pool.query(`create table bench_bare (id bigserial primary key, ${columns.map(([name, type]) => `${name} ${type}`).join(', ')})`);
    const width = columns.length;
    let left = count;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (left > 0) {
          const size = Math.min(batch, left);
          left -= size;
          const values = Array.from({ length: size }, (_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`);
          await pool.query(
            `insert into bench_bare (${columns.map(([name]) => name).join(', ')}) values ${values.join(', ')}`,
            Array.from({ length: size }, row).flat(),
          );
        }
      }),
    );
    const perSecond = count / ((performance.now() - started) / 1000);
    await pool.query('drop table bench_bare');
    await pool.end();
    return perSecond;
  }
  const pdfBytes = Buffer.from(pdf300kB, 'base64');
  const text: [string, string][] = [
    ['recipient', 'bytea'],
    ['onderwerp', 'text'],
    ['tekst', 'text'],
  ];
  const barePlain = await bare(total, 1_000, text, () => [
    randomBytes(32),
    'Aanslag gemeentelijke belastingen',
    'Beste inwoner,\n\nIn de bijlage vindt u uw aanslag.',
  ]);
  const barePdf = await bare(Math.min(1_000, total), 20, [...text, ['content', 'bytea']], () => [
    randomBytes(32),
    'Aanslag',
    'In de bijlage vindt u uw aanslag.',
    pdfBytes,
  ]);
  console.log(
    `organisation API on PostgreSQL, ${concurrency} requests at a time: ${Math.round(plain)} berichten/s in batches of 1,000 without attachments (target ≥ 3,000); ` +
      `${Math.round(withPdf)} berichten/s in batches of 20 with one 300 kB PDF each (target ≥ 200); ${rows[0].n} stored. ` +
      `CPU of this process per bericht: ${plainCpu.toFixed(3)} ms without attachments, ${pdfCpu.toFixed(2)} ms with a 300 kB PDF (PostgreSQL's own work not included). ` +
      `PostgreSQL alone, the same batches as bare rows: ${Math.round(barePlain)} rows/s without and ${Math.round(barePdf)} rows/s with a 300 kB bytea, ` +
      `so Voordeur reaches ${(plain / barePlain).toFixed(2)} and ${(withPdf / barePdf).toFixed(2)} of what this machine's database does alone`,
  );
  await voordeur.close();
  await database.close();
} finally {
  await admin.query(`drop schema ${schema} cascade`);
  await admin.end();
}
