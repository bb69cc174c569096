/**
 * Archiving in Mijn berichten over HTTP: a person archives a bericht (from the Objecten API, or
 * pushed by an organisation) with a plain form, and it leaves the inbox and the unread count and
 * is found under "Gearchiveerd"; putting it back undoes that. A gemachtigde may archive for the
 * person they act for (in that person's processing log). Bad input changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { objectenDemo } from '../../simulators/data/objecten-demo.ts';
import { demoUuid } from '../../simulators/data/zgw-demo.ts';
import { clientAssertion, organisatieKey, requestToken } from '../../simulators/organisatie/client.ts';
import { Organisaties } from '../../src/sources/voordeur/organisaties.ts';
import { formAction, type HttpBrowser, hiddenFields, loginOverHttp, type TestLogin } from '../support/http-browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ ORGANISATIE_API: 'true' });
});
afterAll(() => stack.close());

const { suzanne } = objectenDemo.notable;
const jan = { bsn: '999990019', berichten: [demoUuid('f1', 0, 201), demoUuid('f1', 0, 202)] };
const browsers = new Map<string, HttpBrowser>();
async function as(login: TestLogin): Promise<HttpBrowser> {
  const key = JSON.stringify(login);
  if (!browsers.has(key)) browsers.set(key, await loginOverHttp(stack.url, login));
  return browsers.get(key)!;
}
const listed = (html: string) => [...html.matchAll(/href="\/berichten\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const navItem = (html: string) => text(/<a class="utrecht-nav-list__link" href="\/berichten"[^>]*>(.*?)<\/a>/s.exec(html)?.[1] ?? '').trim();
const stored = (uuid: string) => stack.objecten.objects().find((o) => o.uuid === uuid) as { record: { index: number } };

/** Presses the button with this text on the bericht's page (its plain form, with the CSRF token); the redirect it answers. */
async function press(browser: HttpBrowser, uuid: string, button: string) {
  const page = await browser.request(`${stack.url}/berichten/${uuid}`);
  expect(page.status).toBe(200);
  const action = formAction(page.body, button, page.url);
  const answer = await browser.request(action, { form: { ...hiddenFields(page.body, action), archief: button === 'Archiveren' ? 'ja' : 'nee' } });
  expect(answer.status).toBe(303);
  return answer;
}

/** The CSRF token of the person's session (every page's logout form has it). */
async function csrf(browser: HttpBrowser) {
  return /name="_csrf" value="([^"]+)"/.exec((await browser.request(`${stack.url}/berichten`)).body)![1]!;
}

describe('Mijn berichten: the archive', () => {
  it('moves a bericht from the Objecten API out of the inbox and into "Gearchiveerd", and back, without changing the object', async () => {
    const browser = await as({ bsn: suzanne.bsn });
    const uuid = suzanne.berichten.find((b) => !suzanne.unreadBerichten.includes(b));
    const before = await browser.request(`${stack.url}/berichten`);
    expect(text(before.body)).toContain('Alle berichten (15 berichten)');
    const { index } = stored(uuid!).record;

    const archived = await press(browser, uuid!, 'Archiveren');
    expect(archived.location).toBe(`${stack.url}/berichten?archief=gearchiveerd#archief-melding`);
    const inbox = await browser.request(archived.location!);
    expect(text(inbox.body)).toContain('Het bericht staat nu in uw archief.');
    expect(text(inbox.body)).toContain('Alle berichten (14 berichten)');
    expect(listed(inbox.body)).not.toContain(uuid);
    expect(listed((await browser.request(`${stack.url}/berichten?toon=gelezen`)).body)).not.toContain(uuid);
    const archief = await browser.request(`${stack.url}/berichten?toon=gearchiveerd`);
    expect(text(archief.body)).toContain('Gearchiveerde berichten (1 bericht)');
    expect(listed(archief.body)).toEqual([uuid]);
    const page = await browser.request(`${stack.url}/berichten/${uuid}`);
    expect(text(page.body)).toContain('Dit bericht staat in uw archief.');
    // Kept by Voordeur, by the keyed hash of the person: the Objecten API's object is not changed for it.
    expect(stored(uuid!).record.index).toBe(index);
    const rows = await stack.voordeur.database.db.selectFrom('bericht_archief').selectAll().execute();
    expect(rows.map((row) => row.bericht_uuid)).toEqual([uuid]);
    expect(JSON.stringify(rows)).not.toContain(suzanne.bsn);

    const back = await press(browser, uuid!, 'Terugzetten bij mijn berichten');
    expect(back.location).toBe(`${stack.url}/berichten?toon=gearchiveerd&archief=teruggezet#archief-melding`);
    expect(text((await browser.request(back.location!)).body)).toContain('Het bericht staat weer bij uw berichten.');
    const again = await browser.request(`${stack.url}/berichten`);
    expect(text(again.body)).toContain('Alle berichten (15 berichten)');
    expect(listed(again.body)).toContain(uuid);
    expect(await stack.voordeur.database.db.selectFrom('bericht_archief').selectAll().execute()).toEqual([]);
  });

  it('leaves an archived unread bericht out of the unread count in the navigation and on the overzicht', async () => {
    const browser = await as({ bsn: suzanne.bsn });
    const unread = suzanne.unreadBerichten.at(-1)!;
    expect(navItem((await browser.request(`${stack.url}/overzicht`)).body)).toBe('Mijn berichten (6 ongelezen)');
    const { index } = stored(unread).record;
    const answer = await browser.request(`${stack.url}/berichten/${unread}/archief`, { form: { _csrf: await csrf(browser), archief: 'ja' } });
    expect(answer.status).toBe(303);
    const overzicht = await browser.request(`${stack.url}/overzicht`);
    expect(navItem(overzicht.body)).toBe('Mijn berichten (5 ongelezen)');
    expect(text(overzicht.body)).toContain('5 ongelezen berichten');
    expect(listed((await browser.request(`${stack.url}/berichten?toon=ongelezen`)).body)).not.toContain(unread);
    // Still unread: found in the archive, not opened by being archived.
    expect(stored(unread).record.index).toBe(index);
    await browser.request(`${stack.url}/berichten/${unread}/archief`, { form: { _csrf: await csrf(browser), archief: 'nee' } });
    expect(navItem((await browser.request(`${stack.url}/overzicht`)).body)).toBe('Mijn berichten (6 ongelezen)');
  });

  it('archives a bericht an organisation pushed in Voordeur’s own table', async () => {
    const key = await organisatieKey();
    await new Organisaties(stack.voordeur.database.db).save({ id: 'ggd-archief', naam: 'GGD Archief', jwks: key.jwks });
    const api = `${stack.url}/api/v1`;
    const token = (await requestToken(api, await clientAssertion(key, 'ggd-archief', `${api}/token`))).body.access_token;
    const sent = await fetch(`${api}/berichten`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ berichten: [{ berichtId: 'archief-1', ontvanger: { bsn: suzanne.bsn }, onderwerp: 'Uitnodiging vaccinatie', tekst: 'Tekst.' }] }),
    });
    expect(sent.status).toBe(200);
    const db = stack.voordeur.database.db;
    const { id } = await db.selectFrom('organisatie_berichten').select('id').where('bericht_id', '=', 'archief-1').executeTakeFirstOrThrow();
    const browser = await as({ bsn: suzanne.bsn });
    expect(listed((await browser.request(`${stack.url}/berichten?toon=ongelezen`)).body)).toContain(id);

    await press(browser, id, 'Archiveren');
    expect(listed((await browser.request(`${stack.url}/berichten`)).body)).not.toContain(id);
    expect(listed((await browser.request(`${stack.url}/berichten?toon=gearchiveerd`)).body)).toEqual([id]);
    const row = await db.selectFrom('organisatie_berichten').select(['archived_at', 'opened_at']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.archived_at).not.toBeNull();
    expect(row.opened_at).not.toBeNull();
    expect(await db.selectFrom('bericht_archief').selectAll().execute()).toEqual([]);

    await press(browser, id, 'Terugzetten bij mijn berichten');
    expect(listed((await browser.request(`${stack.url}/berichten`)).body)).toContain(id);
    expect((await db.selectFrom('organisatie_berichten').select('archived_at').where('id', '=', id).executeTakeFirstOrThrow()).archived_at).toBeNull();
  });

  it('lets a gemachtigde archive for the person, written in that person’s processing log', async () => {
    const gemachtigde = await as({ gemachtigde: '999990482', voor: jan.bsn });
    const [uuid] = jan.berichten;
    await press(gemachtigde, uuid!, 'Archiveren');
    expect(listed((await gemachtigde.request(`${stack.url}/berichten?toon=gearchiveerd`)).body)).toEqual([uuid]);
    // Jan himself finds it in his archive too.
    const self = await as({ bsn: jan.bsn });
    expect(listed((await self.request(`${stack.url}/berichten`)).body)).not.toContain(uuid);
    expect(listed((await self.request(`${stack.url}/berichten?toon=gearchiveerd`)).body)).toEqual([uuid]);
    const logged = await stack.voordeur.database.db
      .selectFrom('processing_log')
      .select(['actor', 'action', 'category'])
      .where('action', '=', 'wijzigen')
      .where('category', '=', 'berichten')
      .where('actor', '=', 'gemachtigde')
      .execute();
    expect(logged).toHaveLength(1);
  });

  it('refuses a wrong value (400), another person’s bericht (404) and a form without the CSRF token (403), and changes nothing', async () => {
    const browser = await as({ bsn: suzanne.bsn });
    const [uuid] = suzanne.berichten;
    const token = await csrf(browser);
    const inbox = text((await browser.request(`${stack.url}/berichten`)).body);
    const tries: { url: string; form: Record<string, string>; status: number }[] = [
      { url: `/berichten/${uuid}/archief`, form: { _csrf: token, archief: 'misschien' }, status: 400 },
      { url: `/berichten/${uuid}/archief`, form: { _csrf: token }, status: 400 },
      { url: `/berichten/${objectenDemo.notable.others.berichten[0]}/archief`, form: { _csrf: token, archief: 'ja' }, status: 404 },
      { url: `/berichten/${suzanne.futureBericht}/archief`, form: { _csrf: token, archief: 'ja' }, status: 404 },
      { url: '/berichten/geen-uuid/archief', form: { _csrf: token, archief: 'ja' }, status: 404 },
      { url: `/berichten/${uuid}/archief`, form: { archief: 'ja' }, status: 403 },
    ];
    const before = await stack.voordeur.database.db.selectFrom('bericht_archief').selectAll().execute();
    for (const attempt of tries) {
      const answer = await browser.request(`${stack.url}${attempt.url}`, { form: attempt.form });
      expect(answer.status, JSON.stringify(attempt)).toBe(attempt.status);
    }
    expect(await stack.voordeur.database.db.selectFrom('bericht_archief').selectAll().execute()).toEqual(before);
    expect(text((await browser.request(`${stack.url}/berichten`)).body)).toBe(inbox);
  });
});
