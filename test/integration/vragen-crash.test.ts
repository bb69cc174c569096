/**
 * "Stel een vraag" after a crash between Open Klant registering the question and Voordeur writing
 * it down: the form's one-time token stays claimed with no klantcontact. Once the claim is older
 * than the lease (VRAAG_VERZENDING_LEASE_SECONDS, 1 second here), the person who sends the form
 * again sees the confirmation of the question Open Klant has (found by the moment of the claim),
 * with its bericht in Mijn berichten, and nothing is registered twice; when Open Klant never got
 * it, sending again registers it exactly once. The crash is played by making Voordeur's writing
 * fail after Open Klant answered (the table it writes to is briefly away), which leaves the same
 * state as a process killed at that point. On PGlite, and on PostgreSQL with TEST_DATABASE_URL.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Subject } from '../../src/domain/identity.ts';
import { VraagVerzendingen } from '../../src/sources/voordeur/vraag-verzendingen.ts';
import { IdentityKeys } from '../../src/platform/identity-keys.ts';
import { type HttpBrowser, loginOverHttp } from '../support/http-browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

let stack: Stack;
let suzanne: HttpBrowser;
beforeAll(async () => {
  stack = await startStack({ VRAAG_VERZENDING_LEASE_SECONDS: '1' });
  suzanne = await loginOverHttp(stack.url, { bsn: '999993653' });
});
afterAll(() => stack?.close());

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
const formOf = (html: string) => ({ _csrf: csrfOf(html), verzending: /name="verzending" value="([^"]+)"/.exec(html)![1]! });
const contactsAbout = (onderwerp: string) => stack.klantinteracties.klantcontacten().filter((k) => k.onderwerp === onderwerp);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const db = () => stack.voordeur.database.db;

describe('a question left behind by a crash', () => {
  it('is found in Open Klant when the form is sent again: its confirmation and bericht, one klantcontact', async () => {
    const page = await suzanne.request(`${stack.url}/vraag`);
    const form = { ...formOf(page.body), onderwerp: 'Vraag tijdens een storing', vraag: 'Is mijn vraag aangekomen?' };

    // Open Klant registers it; writing it down fails (the process "dies" there).
    await sql`alter table vraag_bevestigingen rename to vraag_bevestigingen_weg`.execute(db());
    let crashed: Awaited<ReturnType<HttpBrowser['request']>>;
    try {
      crashed = await suzanne.request(`${stack.url}/vraag`, { form });
    } finally {
      await sql`alter table vraag_bevestigingen_weg rename to vraag_bevestigingen`.execute(db());
    }
    expect(crashed.status).toBeGreaterThanOrEqual(500);
    const [registered, ...more] = contactsAbout('Vraag tijdens een storing');
    expect(registered).toBeDefined();
    expect(more).toEqual([]);

    // Past the lease, the same form sent again leads to that question's confirmation.
    await sleep(1100);
    const again = await suzanne.request(`${stack.url}/vraag`, { form });
    expect(again.status).toBe(303);
    expect(again.location).toBe(`${stack.url}/vraag/ontvangen/${registered!.uuid}#bevestiging`);
    expect(contactsAbout('Vraag tijdens een storing')).toHaveLength(1);
    const receipt = await suzanne.request(again.location!.replace(/#.*/, ''));
    expect(receipt.status).toBe(200);
    expect(receipt.body).toContain(`href="/berichten/${registered!.uuid}"`);
    const bericht = await suzanne.request(`${stack.url}/berichten/${registered!.uuid}`);
    expect(bericht.status).toBe(200);
    expect(bericht.body).toContain('Vraag tijdens een storing');

    // And once more: the same confirmation, still one klantcontact, one bericht.
    const third = await suzanne.request(`${stack.url}/vraag`, { form });
    expect(third.location).toBe(again.location);
    expect(contactsAbout('Vraag tijdens een storing')).toHaveLength(1);
    const inbox = await suzanne.request(`${stack.url}/berichten`);
    expect(inbox.body.split(`href="/berichten/${registered!.uuid}"`).length - 1).toBe(1);
  });

  it('is sent exactly once when Open Klant never got it', async () => {
    const page = await suzanne.request(`${stack.url}/vraag`);
    const form = { ...formOf(page.body), onderwerp: 'Vraag die nooit aankwam', vraag: 'Komt deze aan?' };
    // The claim made, then the process stopped before Open Klant was asked.
    const subject: Subject = { type: 'persoon', bsn: '999993653' };
    const verzendingen = new VraagVerzendingen(db(), new IdentityKeys(stack.voordeur.config.identityKeySecret));
    expect((await verzendingen.claim(subject, form.verzending)).status).toBe('new');

    await sleep(1100);
    const sent = await suzanne.request(`${stack.url}/vraag`, { form });
    expect(sent.status).toBe(303);
    const [contact, ...more] = contactsAbout('Vraag die nooit aankwam');
    expect(more).toEqual([]);
    expect(sent.location).toBe(`${stack.url}/vraag/ontvangen/${contact!.uuid}#bevestiging`);
    const again = await suzanne.request(`${stack.url}/vraag`, { form });
    expect(again.location).toBe(sent.location);
    expect(contactsAbout('Vraag die nooit aankwam')).toHaveLength(1);
  });
});
