/**
 * Attachments of pushed berichten in S3-compatible storage (ORGANISATIE_BIJLAGEN_S3_*), against
 * the S3 simulator: a PDF of at least the threshold is in the bucket and not in the database, and
 * its recipient downloads it byte for byte with the same headers as one from the database; with
 * the bucket down the bericht gets its own result and nothing of it is stored; an object a crash
 * left behind, and the object of a bericht past its retention, are removed by the hourly job.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAssertion, organisatieKey, requestToken } from '../../simulators/organisatie/client.ts';
import { registerS3Simulator, type S3Simulator } from '../../simulators/s3/index.ts';
import { bijlagenBucket } from '../../src/features/organisaties/index.ts';
import { IdentityKeys } from '../../src/platform/identity-keys.ts';
import { OrganisatieAansluiting } from '../../src/sources/voordeur/organisatie-aansluiting.ts';
import { OrganisatieBerichten } from '../../src/sources/voordeur/organisatie-berichten.ts';
import { Organisaties } from '../../src/sources/voordeur/organisaties.ts';
import { OrganisatieBewaartermijnen } from '../../src/sources/voordeur/organisatie-bewaartermijnen.ts';
import { loginOverHttp } from '../support/http-browser.ts';
import { freePort } from '../support/ports.ts';
import { startStack, type Stack } from '../support/stack.ts';

let stack: Stack;
let api: string;
let s3: S3Simulator;
let dir: string;
const s3Server = Fastify({ logger: false, forceCloseConnections: true });
const suzanne = '999993653';
const threshold = 100_000;

/** A PDF of about `bytes`: a real header, then incompressible bytes (as a PDF's compressed pages are). */
const pdf = (bytes: number) => Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n'), randomBytes(bytes), Buffer.from('\ntrailer <<>>\n%%EOF\n')]);

async function organisatie(id: string) {
  const key = await organisatieKey();
  await new Organisaties(stack.voordeur.database.db).save({ id, naam: `Organisatie ${id}`, jwks: key.jwks });
  const accessToken = (await requestToken(api, await clientAssertion(key, id, `${api}/token`))).body.access_token!;
  return async (berichten: unknown[]) => {
    const response = await fetch(`${api}/berichten`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ berichten }),
    });
    return {
      status: response.status,
      resultaten: ((await response.json()) as { resultaten: { resultaat: string; veld?: string; melding?: string }[] }).resultaten,
    };
  };
}

const bericht = (berichtId: string, bijlage: Buffer, extra: Record<string, unknown> = {}) => ({
  berichtId,
  ontvanger: { bsn: suzanne },
  onderwerp: 'Aanslag met bijlage',
  tekst: 'In de bijlage vindt u uw aanslag.',
  bijlagen: [{ bestandsnaam: 'aanslag.pdf', inhoud: bijlage.toString('base64') }],
  ...extra,
});

async function download(uuid: string) {
  const browser = await loginOverHttp(stack.url, { bsn: suzanne });
  return fetch(`${stack.url}/berichten/${uuid}/bijlagen/0`, { headers: { cookie: `voordeur_session=${browser.cookie(stack.url, 'voordeur_session')}` } });
}

const rowOf = (berichtId: string) =>
  stack.voordeur.database.db
    .selectFrom('organisatie_berichten as b')
    .leftJoin('organisatie_bijlagen as a', 'a.bericht_uuid', 'b.id')
    .select(['b.id', 'a.content', 'a.storage_key'])
    .where('b.bericht_id', '=', berichtId)
    .executeTakeFirst();

/** Runs the hourly clean-up job now. */
async function runHourlyJob() {
  const db = stack.voordeur.database.db;
  await db.updateTable('jobs').set({ run_at: new Date() }).where('queue', '=', 'organisatie.bewaartermijn').where('state', '=', 'pending').execute();
  await stack.voordeur.notificaties.worker.drain();
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'voordeur-s3-'));
  const port = await freePort();
  s3 = await registerS3Simulator(s3Server, {
    prefix: '/s3',
    baseUrl: `http://127.0.0.1:${port}`,
    bucket: 'voordeur-bijlagen',
    region: 'eu-west-1',
    accessKeyId: 'voordeur-test',
    secretAccessKey: 'voordeur-test-s3-secret',
    dir,
  });
  await s3Server.listen({ host: '127.0.0.1', port });
  stack = await startStack({
    ORGANISATIE_API: 'true',
    NOTIFICATION_BUNDLE_SECONDS: '0',
    ORGANISATIE_BIJLAGEN_S3_ENDPOINT: s3.url,
    ORGANISATIE_BIJLAGEN_S3_BUCKET: 'voordeur-bijlagen',
    ORGANISATIE_BIJLAGEN_S3_REGION: 'eu-west-1',
    ORGANISATIE_BIJLAGEN_S3_ACCESS_KEY_ID: 'voordeur-test',
    ORGANISATIE_BIJLAGEN_S3_SECRET_ACCESS_KEY: 'voordeur-test-s3-secret',
    ORGANISATIE_BIJLAGEN_S3_FORCE_PATH_STYLE: 'true',
    ORGANISATIE_BIJLAGEN_S3_THRESHOLD_BYTES: String(threshold),
    ORGANISATIE_BIJLAGEN_S3_TIMEOUT_MS: '2000',
  });
  api = `${stack.url}/api/v1`;
});
afterAll(async () => {
  await stack?.close();
  await s3Server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('attachments in S3-compatible storage', () => {
  it('keeps a PDF from the threshold up in the bucket, not in the database, and gives it to its recipient byte for byte with the usual headers', async () => {
    const send = await organisatie('s3-a');
    const [groot, klein] = [pdf(300 * 1024), pdf(20 * 1024)];
    const ids = { groot: `groot-${randomUUID()}`, klein: `klein-${randomUUID()}` };
    const before = await s3.keys();
    expect((await send([bericht(ids.groot, groot), bericht(ids.klein, klein)])).resultaten.map((r) => r.resultaat)).toEqual(['verwerkt', 'verwerkt']);

    const inBucket = (await rowOf(ids.groot))!;
    expect(inBucket.content).toBeNull();
    expect(inBucket.storage_key).toMatch(/^organisatie-bijlagen\/[0-9a-f-]{36}$/);
    const added = (await s3.keys()).filter((key) => !before.includes(key));
    expect(added).toEqual([inBucket.storage_key]);
    expect(await s3.content(inBucket.storage_key!)).toEqual(groot);
    // The small one stays in the database.
    const inDatabase = (await rowOf(ids.klein))!;
    expect(inDatabase.storage_key).toBeNull();
    expect(Buffer.from(inDatabase.content!)).toEqual(klein);

    const [fromBucket, fromDatabase] = [await download(inBucket.id), await download(inDatabase.id)];
    expect(fromBucket.status).toBe(200);
    expect(Buffer.from(await fromBucket.arrayBuffer())).toEqual(groot);
    expect(Buffer.from(await fromDatabase.arrayBuffer())).toEqual(klein);
    for (const header of ['content-type', 'content-disposition', 'cache-control', 'x-content-type-options'])
      expect(fromBucket.headers.get(header), header).toBe(fromDatabase.headers.get(header));
    expect(fromBucket.headers.get('content-length')).toBe(String(groot.length));
    // The page of the bericht names its size as for any other.
    const browser = await loginOverHttp(stack.url, { bsn: suzanne });
    expect((await browser.request(`${stack.url}/berichten/${inBucket.id}`)).status).toBe(200);
  });

  it('with the bucket down, gives the bericht with a large PDF its own result and stores nothing of it; the others of the batch are stored, and a resend later is verwerkt', async () => {
    const send = await organisatie('s3-b');
    const ids = { groot: `groot-${randomUUID()}`, zonder: `zonder-${randomUUID()}` };
    const groot = pdf(200 * 1024);
    s3.setFault('down');
    try {
      const sent = await send([bericht(ids.groot, groot), { ...bericht(ids.zonder, groot), bijlagen: [] }]);
      expect(sent.status).toBe(200);
      expect(sent.resultaten).toEqual([
        { berichtId: ids.groot, resultaat: 'opslagNietBeschikbaar', veld: '/bijlagen', melding: expect.stringContaining('send it again later') },
        { berichtId: ids.zonder, resultaat: 'verwerkt' },
      ]);
    } finally {
      s3.setFault('none');
    }
    expect(await rowOf(ids.groot)).toBeUndefined();
    expect(await rowOf(ids.zonder)).toBeDefined();
    // The leveranciersportaal counts it for today beside the one that was stored.
    const [vandaag] = await new OrganisatieAansluiting(stack.voordeur.database.db).perDag('s3-b', 1);
    expect(vandaag!.aantallen).toMatchObject({ verwerkt: 1, opslagNietBeschikbaar: 1 });
    // The operator sees it in the log, without whom it was for.
    const warned = stack.voordeur.logs.filter((line) => line.includes('attachment storage unavailable'));
    expect(warned).toHaveLength(1);
    expect(warned[0]).not.toContain(suzanne);
    expect((await send([bericht(ids.groot, groot)])).resultaten.map((r) => r.resultaat)).toEqual(['verwerkt']);
    const row = (await rowOf(ids.groot))!;
    expect(await s3.content(row.storage_key!)).toEqual(groot);
    // With the bucket down at download, the person is told it is not available now (never a 500), and it is there again after.
    s3.setFault('down');
    try {
      const refused = await download(row.id);
      expect(refused.status).toBe(503);
      expect(await refused.text()).toContain('Dit onderdeel is nu niet beschikbaar');
    } finally {
      s3.setFault('none');
    }
    expect(Buffer.from(await (await download(row.id)).arrayBuffer())).toEqual(groot);
  });

  it('removes an object a crash left behind (put, never stored) and the object of a bericht past its retention, in the hourly job; keeps the others', async () => {
    const db = stack.voordeur.database.db;
    const send = await organisatie('s3-c');
    const ids = { oud: `oud-${randomUUID()}`, nieuw: `nieuw-${randomUUID()}` };
    await new OrganisatieBewaartermijnen(db).set('s3-c', '', 30);
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
    expect((await send([bericht(ids.oud, pdf(150 * 1024), { publicatiedatum: daysAgo(40) }), bericht(ids.nieuw, pdf(150 * 1024))])).resultaten).toMatchObject([
      { resultaat: 'verwerkt' },
      { resultaat: 'verwerkt' },
    ]);
    const oud = (await rowOf(ids.oud))!;
    const nieuw = (await rowOf(ids.nieuw))!;
    // What a crash between the put and the commit leaves: an object recorded as to remove, due an hour after it was put.
    const store = new OrganisatieBerichten(db, new IdentityKeys(stack.voordeur.config.identityKeySecret), { bucket: bijlagenBucket(stack.voordeur.config) });
    const crashed = await store.placeBijlagen([
      {
        ...bericht(`crash-${randomUUID()}`, pdf(150 * 1024)),
        ontvanger: { type: 'persoon', bsn: suzanne },
        publicatiedatum: new Date(),
        bijlagen: [{ bestandsnaam: 'a.pdf', inhoud: pdf(150 * 1024) }],
      },
    ]);
    const orphan = crashed.ready[0]!.bijlagen[0]!.storageKey!;
    expect(await s3.keys()).toContain(orphan);

    await runHourlyJob();
    // Not yet due: a batch may still be on its way to its commit.
    expect(await s3.keys()).toContain(orphan);
    expect(await s3.keys()).not.toContain(oud.storage_key);
    expect(await rowOf(ids.oud)).toBeUndefined();
    expect((await download(oud.id)).status).toBe(404);

    await db
      .updateTable('organisatie_bijlage_objecten')
      .set({ due_at: new Date(Date.now() - 1000) })
      .where('storage_key', '=', orphan)
      .execute();
    await runHourlyJob();
    expect(await s3.keys()).not.toContain(orphan);
    expect(await s3.keys()).toContain(nieuw.storage_key);
    expect(Buffer.from(await (await download(nieuw.id)).arrayBuffer())).toEqual(await s3.content(nieuw.storage_key!));
    const stillDue = (await db.selectFrom('organisatie_bijlage_objecten').select('storage_key').execute()).map((row) => row.storage_key);
    expect(stillDue).not.toContain(orphan);
    expect(stillDue).not.toContain(oud.storage_key);
  });
});
