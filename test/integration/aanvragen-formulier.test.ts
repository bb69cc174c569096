/**
 * Issue 18, "Bad input and failure": a producttype whose Form.io form Voordeur cannot show (here a
 * form with an editgrid, as back offices write them) is shown as "U kunt dit nu niet online
 * aanvragen" with the way to reach the organisation, never a broken form; it cannot be started
 * (503, nothing stored), and the log says why, without anything of the person. An attachment over
 * UPLOAD_MAX_BYTES is refused with a Dutch error, and nothing of it is kept. A company's form is
 * prefilled from the KvK, its read-only KvK number not taken from the request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducttypen, producttypeData, producttypeUuid } from '../../simulators/data/aanvragen-demo.ts';
import { objectenDemo } from '../../simulators/data/objecten-demo.ts';
import { IdentityKeys } from '../../src/platform/identity-keys.ts';
import { loginOverHttp } from '../support/http-browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

let stack: Stack;
let producttype: string;
beforeAll(async () => {
  stack = await startStack({ UPLOAD_MAX_BYTES: '2048' }, {}, { aanvragen: true });
  // Before the catalogue is first read: a producttype whose form is the demo's form with an editgrid.
  const form = `${stack.objecten.url}/objects/${objectenDemo.notable.formulieren.unsupported}`;
  const afvalpas = demoProducttypen.find((candidate) => candidate.naam === 'afvalpas')!;
  producttype = await stack.objecten.createObject(
    'producttype',
    producttypeData({ ...afvalpas, naam: 'mantelzorgverklaring', titel: 'Mantelzorgverklaring' }, form),
  );
});
afterAll(() => stack?.close());

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('Aanvragen: a form Voordeur cannot show', () => {
  it('is offered as "U kunt dit nu niet online aanvragen" with how to reach us, cannot be started, and is logged with the reason', async () => {
    const jan = { bsn: '999990019' };
    const browser = await loginOverHttp(stack.url, jan);
    expect(text((await browser.request(`${stack.url}/aanvragen`)).body)).toContain('Mantelzorgverklaring');
    const page = await browser.request(`${stack.url}/aanvragen/${producttype}`);
    expect(page.status).toBe(200);
    expect(text(page.body)).toContain('U kunt dit nu niet online aanvragen. Zo bereikt u ons.');
    expect(page.body).toContain('href="/contact"');
    expect(page.body).not.toContain(`action="/aanvragen/${producttype}"`);

    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const started = await browser.request(`${stack.url}/aanvragen/${producttype}`, { form: { _csrf: csrf } });
    expect(started.status).toBe(503);
    expect(text(started.body)).toContain('U kunt dit nu niet online aanvragen.');
    const stored = await stack.voordeur.database.db.selectFrom('aanvragen').select('id').where('producttype', '=', producttype).execute();
    expect(stored).toEqual([]);

    const logged = stack.voordeur.logs.filter((line) => line.includes('form of a producttype cannot be shown'));
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.join('\n')).toContain('editgrid');
    expect(stack.voordeur.logs.join('\n')).not.toContain(jan.bsn);
  });
});

describe('Aanvragen: an attachment too large', () => {
  it('is refused with a Dutch error next to the field and in the summary, and nothing of it is kept', async () => {
    const browser = await loginOverHttp(stack.url, { bsn: '999995571' });
    const melding = producttypeUuid(2);
    const start = await browser.request(`${stack.url}/aanvragen/${melding}`);
    const started = await browser.request(`${stack.url}/aanvragen/${melding}`, { form: { _csrf: /name="_csrf" value="([^"]+)"/.exec(start.body)![1]! } });
    expect(started.status).toBe(303);
    const first = started.location!;
    const page = await browser.request(first);
    const data = new FormData();
    data.append('_csrf', /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!);
    for (const [name, value] of Object.entries({ soort: 'verlichting', locatie: 'Lindelaan', omschrijving: 'Lamp kapot', actie: 'volgende' }))
      data.append(name, value);
    // A real PNG header, then more than UPLOAD_MAX_BYTES.
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(4096, 1)]);
    data.append('foto', new Blob([new Uint8Array(png)]), 'lamp.png');
    const refused = await browser.request(first, { multipart: data });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('id="error-summary"');
    expect(text(refused.body)).toMatch(/Het bestand ‘lamp\.png’ bij ‘Foto's’ is te groot\. Een bestand mag hoogstens 2 kB zijn\./);
    const concept = /formulier\/([0-9a-f-]{36})\//.exec(first)![1]!;
    expect(await stack.voordeur.database.db.selectFrom('aanvraag_bestanden').select('veld').where('aanvraag', '=', concept).execute()).toEqual([]);
  });
});

describe('Aanvragen: prefilled from the KvK', () => {
  it('fills in the company’s name (changeable) and its KvK number (read-only); a KvK number changed in the request is not taken', async () => {
    const browser = await loginOverHttp(stack.url, { kvk: '69599084' });
    const terras = producttypeUuid(4);
    const start = await browser.request(`${stack.url}/aanvragen/${terras}`);
    const started = await browser.request(`${stack.url}/aanvragen/${terras}`, { form: { _csrf: /name="_csrf" value="([^"]+)"/.exec(start.body)![1]! } });
    expect(started.status).toBe(303);
    const page = await browser.request(started.location!);
    expect(page.body).toMatch(/<input[^>]*name="bedrijfsnaam"[^>]*value="Bakkerij Van den Berg B\.V\."/);
    // Shown read-only, and not a field of the form (nothing to send).
    const kvkInput = /<input[^>]*id="formio-kvkNummer"[^>]*>/.exec(page.body)![0];
    expect(kvkInput).toContain('value="69599084"');
    expect(kvkInput).toContain('readonly');
    expect(kvkInput).not.toContain('name=');

    // A tampered request: the read-only KvK number is another company's.
    const next = await browser.request(started.location!, {
      form: {
        _csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!,
        bedrijfsnaam: 'Bakkerij Van den Berg',
        kvkNummer: '12345678',
        email: 'info@bakkerij.example',
        telefoon: '',
        actie: 'volgende',
      },
    });
    expect(next.status).toBe(303);
    const concept = /formulier\/([0-9a-f-]{36})\//.exec(started.location!)![1]!;
    const saved = await stack.voordeur.database.db.selectFrom('aanvragen').select('antwoorden').where('id', '=', concept).executeTakeFirstOrThrow();
    const answers = new IdentityKeys(stack.voordeur.config.identityKeySecret).unsealJson<{ data: Record<string, unknown> }>(saved.antwoorden);
    expect(answers.data).toMatchObject({ bedrijfsnaam: 'Bakkerij Van den Berg', kvkNummer: '69599084' });
  });
});
