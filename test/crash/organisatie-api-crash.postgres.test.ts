/**
 * The organisation API killed (SIGKILL) while batches of berichten are in flight: after a
 * restart, every bericht it answered `verwerkt` is there exactly once, and the organisation can
 * send every batch again (those it never got an answer for too) without anything stored twice.
 * Voordeur runs as `npm run start:production` does (src/server.ts), in a process of its own, on
 * a schema of the PostgreSQL at TEST_DATABASE_URL that this test's database handle also reads.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAssertion, type OrganisatieKey, organisatieKey, requestToken } from '../../simulators/organisatie/client.ts';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import { Organisaties } from '../../src/sources/voordeur/organisaties.ts';
import { baseEnvironment } from '../support/app.ts';
import { testDatabase } from '../support/database.ts';
import { freePort } from '../support/ports.ts';

let database: DatabaseHandle;
let environment: Record<string, string>;
let api: string;
let key: OrganisatieKey;
const children: ChildProcess[] = [];

beforeAll(async () => {
  database = await testDatabase();
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db);
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.searchParams.set('options', `-c search_path=${rows[0]!.schema}`);
  const port = await freePort();
  api = `http://127.0.0.1:${port}/api/v1`;
  environment = {
    ...(Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== undefined)) as Record<string, string>),
    ...baseEnvironment,
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: url.href,
    ORGANISATIE_API: 'true',
    ORGANISATIE_API_REQUESTS_PER_MINUTE: '100000',
  };
  key = await organisatieKey('c');
  await new Organisaties(database.db).save({ id: 'crash', naam: 'Crash', jwks: key.jwks });
}, 60_000);

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await database.close();
});

/** Starts Voordeur and waits until it answers. */
async function start(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { env: environment, stdio: 'ignore' });
  children.push(child);
  for (let i = 0; i < 300; i++) {
    if ((await fetch(`${api}/openapi.json`).catch(() => null))?.ok) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('Voordeur did not start');
}

async function accessToken(): Promise<string> {
  return (await requestToken(api, await clientAssertion(key, 'crash', `${api}/token`))).body.access_token!;
}

const batches = Array.from({ length: 40 }, (_, b) => ({
  berichten: Array.from({ length: 250 }, (_, i) => ({
    berichtId: `crash-${b}-${i}`,
    ontvanger: { bsn: '999993653' },
    onderwerp: `Bericht ${b}-${i}`,
    tekst: 'Tekst',
  })),
}));

/** Sends the batches two at a time; the results of those that were answered. */
async function sendAll(token: string): Promise<Map<string, string>> {
  const answered = new Map<string, string>();
  let next = 0;
  await Promise.all(
    [0, 1].map(async () => {
      while (next < batches.length) {
        const batch = batches[next++]!;
        try {
          const response = await fetch(`${api}/berichten`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify(batch),
          });
          const { resultaten } = (await response.json()) as { resultaten: { berichtId: string; resultaat: string }[] };
          for (const r of resultaten) answered.set(r.berichtId, r.resultaat);
        } catch {
          // The process was killed: no answer for this batch.
        }
      }
    }),
  );
  return answered;
}

describe('the organisation API killed during a batch', () => {
  it('keeps every bericht it answered verwerkt exactly once, and a resend of everything stores nothing twice', async () => {
    const first = await start();
    const token = await accessToken();
    let stored = 0;
    // Killed once some batches are in: the others are in flight or not yet sent.
    const killer = (async () => {
      while (stored < 2_000) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from organisatie_berichten`.execute(database.db);
        stored = rows[0]!.n;
      }
      first.kill('SIGKILL');
    })();
    const before = await sendAll(token);
    await killer;
    const answeredVerwerkt = [...before].filter(([, resultaat]) => resultaat === 'verwerkt').map(([id]) => id);
    expect(answeredVerwerkt.length).toBeGreaterThan(0);
    expect(answeredVerwerkt.length).toBeLessThan(10_000);

    await start();
    const after = await sendAll(await accessToken());
    const { rows } = await sql<{ bericht_id: string; n: number }>`
      select bericht_id, count(*)::int as n from organisatie_berichten group by bericht_id`.execute(database.db);
    const counts = new Map(rows.map((row) => [row.bericht_id, row.n]));
    // Everything is there once: what was answered before, what was committed without an answer, and the rest.
    expect(counts.size).toBe(10_000);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    for (const id of answeredVerwerkt) expect(after.get(id)).toBe('bestaatAl');
    expect([...after.values()].every((resultaat) => resultaat === 'verwerkt' || resultaat === 'bestaatAl')).toBe(true);
  }, 180_000);
});
