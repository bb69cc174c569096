/**
 * Ingest of the organisation API on PostgreSQL (issue 15): berichten/s stored durably (the answer
 * comes after the commit), through HTTP with a real access token, for batches of 1,000 without
 * attachments and batches of 20 with one 300 kB PDF each, each for a different recipient, sent by
 * the organisation from a process of its own (bench/support/organisatie-client.ts). Voordeur
 * runs in this process on a schema of its own in the database at DATABASE_URL or
 * TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), dropped afterwards; says so
 * and stops when there is none. For scale it then inserts the same batches as bare rows straight into
 * PostgreSQL (no HTTP, no checks, one multi-row insert per batch) and prints Voordeur's share of that
 * ceiling: on a machine whose disk or CPU cannot take 200 × 300 kB a second even without Voordeur,
 * the ratio says whether the rest is Voordeur's.
 *
 *   node --import tsx bench/organisaties.ts      (BENCH_BERICHTEN, default 20,000; BENCH_CONCURRENCY, 4)
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { Organisaties } from '../src/sources/voordeur/organisaties.ts';
import { clientAssertion, organisatieKey, requestToken } from '../simulators/organisatie/client.ts';
import { pdf } from '../simulators/zgw/content.ts';
import type { ClientMessage, ClientRun } from './support/organisatie-client.ts';

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

// The organisation sends from a process of its own, as from its own machine.
const organisation = fork(new URL('./support/organisatie-client.ts', import.meta.url).pathname, [], {
  execArgv: ['--import', 'tsx'],
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
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

  /** CPU time of Voordeur (this process) per bericht of the last run, in ms: less at the mercy of the machine's load than berichten/s. */
  let cpuMsPerBericht = 0;

  /** Has the organisation's process send `count` berichten in batches of `batch`, `concurrency` batches at a time; berichten/s. */
  async function run(label: string, count: number, batch: number, withPdf = false): Promise<number> {
    let cpu = process.cpuUsage();
    const done = new Promise<Extract<ClientMessage, { done: true }>>((resolve, reject) => {
      const listen = (message: ClientMessage) => {
        if ('started' in message) cpu = process.cpuUsage();
        else {
          organisation.off('message', listen);
          resolve(message);
        }
      };
      organisation.on('message', listen);
      organisation.once('exit', (code) => reject(new Error(`the organisation's process exited with ${code}`)));
    });
    organisation.send({ label, count, batch, withPdf, api, token: access_token, concurrency } satisfies ClientRun);
    const { perSecond, refused } = await done;
    const used = process.cpuUsage(cpu);
    cpuMsPerBericht = (used.user + used.system) / 1000 / count;
    if (refused > 0) throw new Error(`${refused} berichten not verwerkt in ${label}`);
    return perSecond;
  }

  await run('warm', 2_000, 1_000);
  const plain = await run('plain', total, 1_000);
  const plainCpu = cpuMsPerBericht;
  const withPdf = await run('pdf', Math.min(1_000, total), 20, true);
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
    // Stored as Voordeur stores attachments (migration 0035): out of line, without trying to compress them.
    if (columns.some(([name]) => name === 'content')) await pool.query('alter table bench_bare alter column content set storage external');
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
  const pdfBytes = Buffer.concat([pdf(['Aanslag']), randomBytes(300 * 1024)]);
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
      `Voordeur's CPU per bericht: ${plainCpu.toFixed(3)} ms without attachments, ${pdfCpu.toFixed(2)} ms with a 300 kB PDF (the organisation's process and PostgreSQL not included). ` +
      `PostgreSQL alone, the same batches as bare rows: ${Math.round(barePlain)} rows/s without and ${Math.round(barePdf)} rows/s with a 300 kB bytea, ` +
      `so Voordeur reaches ${(plain / barePlain).toFixed(2)} and ${(withPdf / barePdf).toFixed(2)} of what this machine's database does alone`,
  );
  await voordeur.close();
  await database.close();
} finally {
  organisation.kill();
  await admin.query(`drop schema ${schema} cascade`);
  await admin.end();
}
