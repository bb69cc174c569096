/**
 * Pages stay fresh although the sources' answers about a person are kept for a while
 * (PERSONAL_CACHE_SECONDS, sources/answers.ts; here a minute, so that only a drop can explain a
 * fresh page): a change the Notificaties API tells Voordeur about is on the next page, and so is
 * a change the person makes in Voordeur; one person's kept answers never reach another.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zgwDemo } from '../../simulators/data/zgw-demo.ts';
import { loginOverHttp } from '../support/http-browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ PERSONAL_CACHE_SECONDS: '60' });
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

  it('never give one person the kept answers of another', async () => {
    const suzanne = await loginOverHttp(stack.url, { bsn: '999993653' });
    const jan = await loginOverHttp(stack.url, { bsn: '999990019' });
    const hers = (await suzanne.request(`${stack.url}/zaken`)).body;
    expect(hers).toContain(zaak(101).identificatie);
    const his = (await jan.request(`${stack.url}/zaken`)).body;
    expect(his).not.toContain(zaak(101).identificatie);
    expect((await jan.request(`${stack.url}/zaken/demo/${zaak(101).uuid}`)).status).toBe(404);
  });
});
