/**
 * What a gemachtigde may do for the person they act for: reading everything, changing only what
 * the organisation allows (GEMACHTIGDE_HANDELINGEN; by default doing taken and adding documents,
 * not the person's contact details or notification choices), refused on the server as well as
 * left out of the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { objectenDemo } from '../../simulators/data/objecten-demo.ts';
import { loginOverHttp } from '../support/http-browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

const suzanne = objectenDemo.notable.suzanne.bsn;
const gemachtigde = { gemachtigde: '999992570', voor: suzanne };
const taak = objectenDemo.notable.suzanne.taak.portaalformulier;
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;

describe('by default', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('a gemachtigde sees the contact details and notification choices, without a way to change them', async () => {
    const browser = await loginOverHttp(stack.url, gemachtigde);
    const page = await browser.request(`${stack.url}/gegevens`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('U ziet de contactgegevens, maar u kunt ze niet wijzigen.');
    expect(page.body).toContain('U ziet deze keuzes, maar u kunt ze niet wijzigen.');
    expect(page.body).not.toContain('href="/gegevens/contact/');
    expect(page.body).not.toContain('action="/gegevens/voorkeuren');
    expect(page.body).toContain('Als er iets verandert in een van mijn zaken');
  });

  it('refuses the change on the server too, with a page that says who can, and changes nothing', async () => {
    const browser = await loginOverHttp(stack.url, gemachtigde);
    const before = stack.klantinteracties.digitaleAdressen();
    const form = await browser.request(`${stack.url}/gegevens/contact/email`);
    expect(form.status).toBe(403);
    expect(form.body).toContain('Dit kan alleen de persoon zelf');
    const overview = await browser.request(`${stack.url}/gegevens`);
    for (const [url, body] of [
      [`${stack.url}/gegevens/contact/email`, { adres: 'gemachtigde@example.nl' }],
      [`${stack.url}/gegevens/contact/telefoonnummer/verwijderen`, {}],
      [`${stack.url}/gegevens/voorkeuren`, { 'email.zaak': 'aan' }],
    ] as const) {
      const refused = await browser.request(url, { form: { _csrf: csrfOf(overview.body), ...body } });
      expect(refused.status, url).toBe(403);
      expect(refused.body).toContain('U bent ingelogd als gemachtigde.');
    }
    expect(stack.klantinteracties.digitaleAdressen()).toEqual(before);
  });

  it('the person themselves still can', async () => {
    const browser = await loginOverHttp(stack.url, { bsn: suzanne });
    const page = await browser.request(`${stack.url}/gegevens`);
    expect(page.body).toContain('href="/gegevens/contact/email"');
    expect(page.body).toContain('action="/gegevens/voorkeuren');
    expect((await browser.request(`${stack.url}/gegevens/contact/email`)).status).toBe(200);
  });

  it('a gemachtigde may do a taak', async () => {
    const browser = await loginOverHttp(stack.url, gemachtigde);
    const page = await browser.request(`${stack.url}/taken/${taak}`);
    expect(page.body).toContain(`action="/taken/${taak}#error-summary"`);
  });
});

describe('when the organisation allows contact details and notifications, but not taken', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ GEMACHTIGDE_HANDELINGEN: 'contactgegevens,meldingen' });
  });
  afterAll(() => stack.close());

  it('a gemachtigde may change the contact details and choices, and sees a taak without doing it', async () => {
    const browser = await loginOverHttp(stack.url, gemachtigde);
    const gegevens = await browser.request(`${stack.url}/gegevens`);
    expect(gegevens.body).toContain('href="/gegevens/contact/email"');
    expect(gegevens.body).toContain('action="/gegevens/voorkeuren');

    const page = await browser.request(`${stack.url}/taken/${taak}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Deze taak kan alleen de persoon zelf doen.');
    expect(page.body).not.toContain(`action="/taken/${taak}`);
    const refused = await browser.request(`${stack.url}/taken/${taak}`, { form: { _csrf: csrfOf(page.body), naam: 'Iemand anders' } });
    expect(refused.status).toBe(403);
    const stored = stack.objecten.objects().find((o) => o.uuid === taak) as { record: { data: Record<string, unknown> } };
    expect(stored.record.data.status).toBe('open');
  });
});
