/**
 * Pages stay fresh although the sources' answers about a person are kept for a while
 * (PERSONAL_CACHE_SECONDS, sources/answers.ts; here a minute, so that only a drop can explain a
 * fresh page): a change the Notificaties API tells Voordeur about is on the next page, and so is
 * a change the person makes in Voordeur; one person's kept answers never reach another.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAssertion, organisatieKey, requestToken } from '../../simulators/organisatie/client.ts';
import { Organisaties } from '../../src/sources/voordeur/organisaties.ts';
import { zgwDemo } from '../../simulators/data/zgw-demo.ts';
import { IdentityKeys } from '../../src/platform/identity-keys.ts';
import { PreferencesStore } from '../../src/sources/voordeur/preferences.ts';
import { loginOverHttp } from '../support/http-browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

let stack: Stack;
const deliveryCheckSeconds = 1;
beforeAll(async () => {
  stack = await startStack({
    ORGANISATIE_API: 'true',
    PERSONAL_CACHE_SECONDS: '60',
    NOTIFICATION_BUNDLE_SECONDS: '0',
    NOTIFICATION_DELIVERY_CHECK_SECONDS: String(deliveryCheckSeconds),
  });
});
afterAll(() => stack.close());

const zaak = (number: number) => zgwDemo.zaken.find((z) => z.identificatie === `ZAAK-${String(number).padStart(6, '0')}`)!;

/** A new published bericht for Suzanne in the Objecten API (which notifies Voordeur of it); its URL. */
const newBericht = (onderwerp: string) =>
  stack.objecten.createObject('bericht', {
    identificatie: { type: 'bsn', value: '999993653' },
    publicatiedatum: new Date(Date.now() - 60_000).toISOString(),
    onderwerp,
    berichtTekst: 'Er is een nieuwe brief.',
    referentie: 'ZAAK-000101',
    handelingsperspectief: 'informatie ontvangen',
    einddatumHandelingstermijn: '',
    geopend: false,
    berichtType: 'notificatie',
    bijlages: [],
  });

describe('pages with kept source answers', () => {
  it('show a new status of a zaak on the next page once the Notificaties API told Voordeur', async () => {
    const suzanne = await loginOverHttp(stack.url, { bsn: '999993653' });
    const path = `${stack.url}/zaken/demo/${zaak(101).uuid}`;
    const toelichting = 'Wij hebben uw stukken ontvangen en bekijken ze nu (vers).';
    const before = await suzanne.request(path);
    expect(before.status).toBe(200);
    expect(before.body).not.toContain(toelichting);
    // The answer is kept now: the same page again asks the Zaken API nothing.
    const calls = stack.zgw.requestCount();
    expect((await suzanne.request(path)).status).toBe(200);
    expect(stack.zgw.requestCount()).toBe(calls);

    await stack.zgw.addStatus(zaak(101).uuid, 2, toelichting);
    await stack.notificaties.idle();
    expect((await suzanne.request(path)).body).toContain(toelichting);
  });

  it('show a new bericht in Mijn berichten once the Notificaties API told Voordeur', async () => {
    const suzanne = await loginOverHttp(stack.url, { bsn: '999993653' });
    const onderwerp = 'Uw afspraak is verzet (vers)';
    expect((await suzanne.request(`${stack.url}/berichten`)).body).not.toContain(onderwerp);
    await newBericht(onderwerp);
    await stack.notificaties.idle();
    expect((await suzanne.request(`${stack.url}/berichten`)).body).toContain(onderwerp);
  });

  it('show a bericht again without asking the Objecten API, and its change on the next page once the Notificaties API told Voordeur', async () => {
    const suzanne = await loginOverHttp(stack.url, { bsn: '999993653' });
    const created = await newBericht('Uw brief over de bouwvergunning (eerst)');
    await stack.notificaties.idle();
    const uuid = created.split('/').at(-1)!;
    const page = async () => (await suzanne.request(`${stack.url}/berichten/${uuid}`)).body;
    // The first time marks it opened (a change made here: its kept answer is dropped).
    expect(await page()).toContain('Uw brief over de bouwvergunning (eerst)');
    await page();
    const calls = stack.objecten.requestCount();
    expect(await page()).toContain('Uw brief over de bouwvergunning (eerst)');
    expect(stack.objecten.requestCount()).toBe(calls);

    const changed = await fetch(`${stack.objecten.url}/objects/${uuid}`, {
      method: 'PATCH',
      headers: { authorization: 'Token voordeur-test-objecten-token', 'content-type': 'application/json', 'content-crs': 'EPSG:4326' },
      body: JSON.stringify({ record: { typeVersion: 1, data: { onderwerp: 'Uw brief over de bouwvergunning (gewijzigd)' }, startAt: '2026-01-01' } }),
    });
    expect(changed.status).toBe(200);
    await stack.notificaties.idle();
    expect(await page()).toContain('Uw brief over de bouwvergunning (gewijzigd)');
  });

  it('show a bericht’s bijlagen again without asking the Documenten API, and other bijlagen once the Notificaties API told Voordeur of the change', async () => {
    const suzanne = await loginOverHttp(stack.url, { bsn: '999993653' });
    const shown = stack.zgw.documents().filter((d) => d.vertrouwelijkheidaanduiding === 'openbaar' && d.titel);
    const first = shown[0];
    const second = shown.find((d) => !d.titel.includes(first!.titel) && !first!.titel.includes(d.titel));
    const url = (document: { uuid: string }) => `${stack.zgw.urls.documenten}/enkelvoudiginformatieobjecten/${document.uuid}`;
    const created = await stack.objecten.createObject('bericht', {
      identificatie: { type: 'bsn', value: '999993653' },
      publicatiedatum: new Date(Date.now() - 60_000).toISOString(),
      onderwerp: 'Uw brief met bijlage (vers)',
      berichtTekst: 'Zie de bijlage.',
      referentie: 'ZAAK-000101',
      handelingsperspectief: 'informatie ontvangen',
      einddatumHandelingstermijn: '',
      geopend: false,
      berichtType: 'notificatie',
      bijlages: [url(first!)],
    });
    await stack.notificaties.idle();
    const uuid = created.split('/').at(-1)!;
    const page = async () => (await suzanne.request(`${stack.url}/berichten/${uuid}`)).body;
    expect(await page()).toContain(first!.titel);
    await page();
    const calls = stack.zgw.requestCount('documenten');
    expect(await page()).toContain(first!.titel);
    expect(stack.zgw.requestCount('documenten')).toBe(calls);

    const changed = await fetch(`${stack.objecten.url}/objects/${uuid}`, {
      method: 'PATCH',
      headers: { authorization: 'Token voordeur-test-objecten-token', 'content-type': 'application/json', 'content-crs': 'EPSG:4326' },
      body: JSON.stringify({ record: { typeVersion: 1, data: { bijlages: [url(second!)] }, startAt: '2026-01-01' } }),
    });
    expect(changed.status).toBe(200);
    await stack.notificaties.idle();
    const after = await page();
    expect(after).toContain(second!.titel);
    expect(after).not.toContain(first!.titel);
  });

  it('count a new bericht in the navigation on the next page once the Notificaties API told Voordeur, and one read at once', async () => {
    const suzanne = await loginOverHttp(stack.url, { bsn: '999993653' });
    const unread = async () => Number(/\((\d+) ongelezen\)/.exec((await suzanne.request(`${stack.url}/gegevens`)).body)?.[1] ?? 0);
    const before = await unread();
    const onderwerp = 'Nieuwe brief over uw parkeervergunning (teller)';
    const created = await newBericht(onderwerp);
    await stack.notificaties.idle();
    expect(await unread()).toBe(before + 1);
    expect((await suzanne.request(`${stack.url}/berichten/${created.split('/').at(-1)}`)).status).toBe(200);
    expect(await unread()).toBe(before);
    // The Objecten API down: the overzicht still shows the count of a moment ago.
    stack.objecten.setFault('down');
    try {
      const overzicht = (await suzanne.request(`${stack.url}/overzicht`)).body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
      expect(overzicht).toMatch(new RegExp(`${before} ongelezen bericht`));
    } finally {
      stack.objecten.setFault('none');
    }
  });

  describe('Mijn berichten kept between pages', () => {
    const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
    const unreadIn = (html: string) => Number(/\((\d+) ongelezen\)/.exec(html)?.[1] ?? 0);

    it('is not read again from the Objecten API between pages, and shows a bericht an organisation pushed on the next page, counted in the navigation', async () => {
      const suzanne = await loginOverHttp(stack.url, { bsn: '999993653' });
      const inbox = async () => (await suzanne.request(`${stack.url}/berichten`)).body;
      const berichtLinks = (html: string) => [...html.matchAll(/href="\/berichten\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
      const before = await inbox();
      const calls = stack.objecten.requestCount();
      expect(berichtLinks(await inbox())).toEqual(berichtLinks(before));
      expect(stack.objecten.requestCount()).toBe(calls);

      const key = await organisatieKey();
      await new Organisaties(stack.voordeur.database.db).save({ id: 'vers-belastingen', naam: 'Belastingsamenwerking Vers', jwks: key.jwks });
      const api = `${stack.url}/api/v1`;
      const token = (await requestToken(api, await clientAssertion(key, 'vers-belastingen', `${api}/token`))).body.access_token!;
      const onderwerp = 'Uw aanslag afvalstoffenheffing (vers)';
      const pushed = await fetch(`${api}/berichten`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          berichten: [
            {
              berichtId: `vers-${randomUUID()}`,
              ontvanger: { bsn: '999993653' },
              onderwerp,
              tekst: 'Uw aanslag staat klaar.',
              publicatiedatum: new Date(Date.now() - 60_000).toISOString(),
            },
          ],
        }),
      });
      expect(pushed.status).toBe(200);
      const after = await inbox();
      expect(after).toContain(onderwerp);
      expect(after).toContain('Belastingsamenwerking Vers');
      expect(unreadIn(after)).toBe(unreadIn(before) + 1);
    });

    it('shows the confirmation of a question just asked on the next page', async () => {
      const suzanne = await loginOverHttp(stack.url, { bsn: '999993653' });
      const onderwerp = 'Hoe lang duurt mijn aanvraag nog (vers)?';
      expect((await suzanne.request(`${stack.url}/berichten`)).body).not.toContain(onderwerp);
      const form = (await suzanne.request(`${stack.url}/vraag`)).body;
      const sent = await suzanne.request(`${stack.url}/vraag`, {
        form: {
          _csrf: csrfOf(form),
          verzending: /name="verzending" value="([^"]+)"/.exec(form)![1]!,
          zaak: '',
          onderwerp,
          vraag: 'Ik hoor graag wanneer ik bericht krijg.',
        },
      });
      expect(sent.status).toBe(303);
      expect((await suzanne.request(`${stack.url}/berichten`)).body).toContain(onderwerp);
    });
  });

  it('never give one person the kept answers of another', async () => {
    const suzanne = await loginOverHttp(stack.url, { bsn: '999993653' });
    const jan = await loginOverHttp(stack.url, { bsn: '999990019' });
    const hers = (await suzanne.request(`${stack.url}/zaken`)).body;
    expect(hers).toContain(zaak(101).identificatie);
    const his = (await jan.request(`${stack.url}/zaken`)).body;
    expect(his).not.toContain(zaak(101).identificatie);
    expect((await jan.request(`${stack.url}/zaken/demo/${zaak(101).uuid}`)).status).toBe(404);
  });

  describe('Mijn gegevens', () => {
    const fatima = { bsn: '999991772', email: 'fatima.elamrani@example.nl' };
    const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
    const block = (html: string, id: string) => html.split(`id="${id}"`)[1]!.split('</section>')[0]!;
    const checked = (html: string) =>
      [...block(html, 'voorkeuren-title').matchAll(/<input[^>]*name="([a-z]+\.[a-z]+)"[^>]*>/g)]
        .filter((m) => /\schecked/.test(m[0]))
        .map((m) => m[1])
        .sort();
    const warning = 'onze laatste e-mail naar dit adres kwam niet aan';

    it('keeps the notification preferences between pages, and shows the ones just saved on the next page', async () => {
      const browser = await loginOverHttp(stack.url, { bsn: fatima.bsn });
      const page = await browser.request(`${stack.url}/gegevens`);
      expect(checked(page.body)).toEqual(['email.aanvraag', 'email.bericht', 'email.product', 'email.taak', 'email.zaak']);
      // Changed in the database behind Voordeur's back (nothing Voordeur knows of): the kept preferences are shown, the database is not read again.
      const keys = new IdentityKeys(stack.voordeur.config.identityKeySecret);
      await new PreferencesStore(stack.voordeur.database.db, keys).set(
        { type: 'persoon', bsn: fatima.bsn },
        {
          email: { zaak: false, taak: false, bericht: false, product: false, aanvraag: false },
          sms: { zaak: false, taak: false, bericht: false, product: false, aanvraag: false },
        },
      );
      const again = await browser.request(`${stack.url}/gegevens`);
      expect(checked(again.body)).toEqual(['email.aanvraag', 'email.bericht', 'email.product', 'email.taak', 'email.zaak']);
      // What she saves herself is on the next page.
      const saved = await browser.request(`${stack.url}/gegevens/voorkeuren`, { form: { _csrf: csrfOf(again.body), 'email.zaak': 'aan' } });
      expect(saved.status).toBe(303);
      expect(checked((await browser.request(`${stack.url}/gegevens`)).body)).toEqual(['email.zaak']);
    });

    it('says on the next page that an address did not work, once Notify told the worker, and keeps saying it between pages', async () => {
      const browser = await loginOverHttp(stack.url, { bsn: fatima.bsn });
      const contactBlock = async () => block((await browser.request(`${stack.url}/gegevens`)).body, 'contact-title');
      expect(await contactBlock()).not.toContain(warning);
      stack.notify.deliverAs(fatima.email, 'permanent-failure');
      await stack.zgw.addStatus(zaak(231).uuid, 2);
      await stack.notificaties.idle();
      await stack.voordeur.notificaties.worker.drain();
      await new Promise((resolve) => setTimeout(resolve, deliveryCheckSeconds * 1000 + 200));
      await stack.voordeur.notificaties.worker.drain();
      const stored = await stack.voordeur.database.db
        .selectFrom('notification_messages')
        .select('delivery_status')
        .where('subject_key', '=', new IdentityKeys(stack.voordeur.config.identityKeySecret).subject({ type: 'persoon', bsn: fatima.bsn }))
        .execute();
      expect(stored.map((m) => m.delivery_status)).toContain('permanent-failure');
      expect(await contactBlock()).toContain(warning);
      // Kept: a change behind Voordeur's back is not read on every page.
      await stack.voordeur.database.db.updateTable('notification_messages').set({ delivery_status: 'delivered' }).execute();
      expect(await contactBlock()).toContain(warning);
    });
  });
});
