/**
 * `npm run beheer` as an operator runs it (node scripts/run.mjs src/beheer.ts …): the commands get
 * their arguments, connect an organisation with its public keys, set its webhook (printing the
 * secret once) and how long its berichten are kept, and refuse what does not fit.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { StaffAudit } from '../../src/features/medewerkers/audit.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { IdentityKeys } from '../../src/platform/identity-keys.ts';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'voordeur-beheer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const environment = {
  ...process.env,
  DEMO_MODE: 'true',
  PGLITE_DIR: path.join(dir, 'data'),
  DATABASE_URL: '',
  OIDC_ISSUER: 'http://127.0.0.1:9/oidc',
  OIDC_CLIENT_ID: 'voordeur',
  OIDC_CLIENT_SECRET: 'voordeur-test-secret',
};

async function beheer(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['scripts/run.mjs', 'src/beheer.ts', ...args], { env: environment, timeout: 60_000 });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, out: (failed.stdout ?? '') + (failed.stderr ?? '') };
  }
}

describe('npm run beheer', () => {
  it('connects an organisation, sets its webhook, and refuses a private key or an unknown organisation', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const publicJwks = path.join(dir, 'public.json');
    const privateJwks = path.join(dir, 'private.json');
    writeFileSync(publicJwks, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1' }] }));
    writeFileSync(privateJwks, JSON.stringify({ keys: [{ ...(await exportJWK(privateKey)), kid: 'k1' }] }));

    expect(await beheer('organisatie', 'bsgw', 'Belastingsamenwerking', privateJwks)).toMatchObject({ code: 1, out: expect.stringContaining('private key') });
    expect(await beheer('organisatie', 'bsgw', 'Belastingsamenwerking', publicJwks)).toMatchObject({
      code: 0,
      out: expect.stringContaining('Organisation bsgw (Belastingsamenwerking)'),
    });
    const webhook = await beheer('organisatie-webhook', 'bsgw', 'https://bsgw.example.nl/events');
    expect(webhook.code).toBe(0);
    expect(webhook.out).toMatch(/signing secret \(shown once\):\n[A-Za-z0-9_-]{43}\n/);
    expect(await beheer('organisatie-webhook', 'onbekend', 'https://x.example.nl/')).toMatchObject({
      code: 1,
      out: expect.stringContaining('no organisation onbekend'),
    });
    // How long its berichten are kept: days, per bericht type; nonsense and unknown organisations refused.
    expect(await beheer('organisatie-bewaartermijn', 'bsgw', '365')).toMatchObject({
      code: 0,
      out: expect.stringContaining('deleted 365 days after their publicatiedatum'),
    });
    expect(await beheer('organisatie-bewaartermijn', 'bsgw', '2555', 'aanslag')).toMatchObject({
      code: 0,
      out: expect.stringContaining('berichten of type aanslag are deleted 2555 days'),
    });
    expect(await beheer('organisatie-bewaartermijn', 'bsgw', 'geen', 'aanslag')).toMatchObject({ code: 0, out: expect.stringContaining('are kept') });
    for (const wrong of [['bsgw', '0'], ['bsgw', 'veel'], ['bsgw', '30', 'Geen Type'], ['bsgw']])
      expect(await beheer('organisatie-bewaartermijn', ...wrong)).toMatchObject({ code: 1, out: expect.stringContaining('usage') });
    expect(await beheer('organisatie-bewaartermijn', 'onbekend', '30')).toMatchObject({ code: 1, out: expect.stringContaining('no organisation onbekend') });
    expect((await beheer('status')).out).toContain('Jobs');
    // Aanvragen not yet delivered to the back office: none here.
    expect(await beheer('aanvragen')).toMatchObject({ code: 0, out: expect.stringContaining('Every aanvraag received has been delivered.') });
  }, 120_000);

  it("exports the medewerkersportaal's audit log of a period, of everyone or of one person, as CSV or JSON", async () => {
    // Written as the portal would (demo mode: the demo's identity key), while no beheer process has the database open.
    const database = await openDatabase({ pgliteDir: environment.PGLITE_DIR, poolSize: 1 });
    await migrateToLatest(database.db);
    const keys = new IdentityKeys('demo-only-identity-key-not-for-production-000');
    const audit = new StaffAudit(database.db, keys);
    const mirjam = { id: 'mbakker', naam: 'Mirjam Bakker', afdeling: 'Klantcontactcentrum', rollen: ['kcc'] };
    await audit.record(mirjam, { handeling: 'toegang', subjectKey: keys.person('999993653'), doel: 'telefoon', traceId: 't1' });
    await audit.record(mirjam, { handeling: 'toegang', subjectKey: keys.person('999990019'), doel: 'balie', traceId: 't2' });
    await database.close();

    const today = new Date().toISOString().slice(0, 10);
    const csv = await beheer('medewerkers-audit', today, today);
    expect(csv.code).toBe(0);
    expect(csv.out.split('\r\n')[0]).toBe('tijdstip,medewerkerId,medewerkerNaam,afdeling,rollen,handeling,subjectKey,doel,kenmerk,traceId,requestId,detail');
    expect(csv.out).toContain('Mirjam Bakker');
    const json = await beheer('medewerkers-audit', today, today, 'json', 'bsn', '999993653');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toEqual([expect.objectContaining({ medewerkerNaam: 'Mirjam Bakker', doel: 'telefoon', traceId: 't1' })]);
    // The BSN asked for is not printed: rows name people by keyed hash.
    expect(json.out).not.toContain('999993653');
    expect(await beheer('medewerkers-audit', today, today, 'json', 'bsn', '123456789')).toMatchObject({ code: 1, out: expect.stringContaining('elfproef') });
    expect(await beheer('medewerkers-audit', '5 december')).toMatchObject({ code: 1, out: expect.stringContaining('usage') });
  }, 120_000);
});
