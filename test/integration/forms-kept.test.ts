/**
 * Nothing a person typed is lost when a source fails while they send a form, or when their
 * session expired while they typed: the answers are kept, to send again with one button; and the
 * page after sending opens where the person should look (the error summary, or the confirmation).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { objectenDemo } from '../../simulators/data/objecten-demo.ts';
import { type HttpBrowser, logIn, loginOverHttp } from '../support/http-browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ SOURCE_TIMEOUT_MS: '800' });
});
afterAll(() => stack.close());
afterEach(() => {
  stack.objecten.setFault('none');
  stack.klantinteracties.setFault('none');
});

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
const fromHtml = (value: string) =>
  value
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

/** The form that sends the answers again: its action and its fields, as a browser would send them. */
function resubmitForm(html: string): { action: string; fields: Record<string, string> } {
  return formIn(html.split('id="resubmit-title"')[1]!.split('</section>')[0]!);
}

function formIn(section: string): { action: string; fields: Record<string, string> } {
  const action = fromHtml(/<form[^>]*action="([^"]+)"/.exec(section)![1]!);
  const fields = Object.fromEntries([...section.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, fromHtml(m[2]!)]));
  return { action, fields };
}

const answers = {
  naam: 'Suzanne de Vries',
  toelichting: 'De oude wasmachine lekt & is niet meer te "maken".',
  maandinkomen: '1450',
  personen: '2',
  kapotSinds: '2026-11-01',
  email: 'suzanne.devries@example.nl',
  telefoon: '0612345678',
  iban: 'NL91ABNA0417164300',
  woonsituatie: 'huur',
  eerderAangevraagd: 'nee',
  naarWaarheid: 'true',
};

describe('a source down while a form is sent', () => {
  it('keeps the answers of a taak form in the page, and sending them again finishes the taak', async () => {
    const browser = await loginOverHttp(stack.url, { bsn: objectenDemo.notable.suzanne.bsn });
    const uuid = objectenDemo.notable.suzanne.taak.portaalformulier;
    const page = await browser.request(`${stack.url}/taken/${uuid}`);
    expect(page.body).toContain(`action="/taken/${uuid}#error-summary"`);

    stack.objecten.setFault('down');
    const failed = await browser.request(`${stack.url}/taken/${uuid}`, { form: { _csrf: csrfOf(page.body), ...answers } });
    expect(failed.status).toBe(503);
    expect(failed.body).toContain('Uw antwoorden zijn niet verstuurd. Ze staan nog op deze pagina.');
    const again = resubmitForm(failed.body);
    expect(again.action).toBe(`/taken/${uuid}#error-summary`);
    expect(again.fields).toEqual({ _csrf: csrfOf(page.body), ...answers });

    stack.objecten.setFault('none');
    const sent = await browser.request(new URL(again.action, stack.url).href, { form: again.fields });
    expect(sent.status).toBe(303);
    expect(sent.location).toBe(`${stack.url}/taken/${uuid}?verstuurd=1#bevestiging`);
    const done = await browser.request(sent.location!);
    expect(done.body).toContain('id="bevestiging"');
    const stored = stack.objecten.objects().find((o) => o.uuid === uuid) as { record: { data: Record<string, unknown> } };
    expect(stored.record.data.status).toBe('afgerond');
    expect(JSON.stringify(stored.record.data)).toContain('De oude wasmachine lekt & is niet meer te \\"maken\\".');
  });

  it('keeps a new e-mail address in the page when the Klantinteracties API is down, and says nothing changed', async () => {
    const browser = await loginOverHttp(stack.url, { bsn: '999993653' });
    const form = await browser.request(`${stack.url}/gegevens/contact/email`);
    stack.klantinteracties.setFault('down');
    const failed = await browser.request(`${stack.url}/gegevens/contact/email`, { form: { _csrf: csrfOf(form.body), adres: 'suzanne.nieuw@example.nl' } });
    expect(failed.status).toBe(503);
    expect(failed.body).toContain('Er is niets veranderd');
    expect(resubmitForm(failed.body).fields).toEqual({ _csrf: csrfOf(form.body), adres: 'suzanne.nieuw@example.nl' });

    stack.klantinteracties.setFault('none');
    const again = resubmitForm(failed.body);
    const sent = await browser.request(new URL(again.action, stack.url).href, { form: again.fields });
    expect(sent.status).toBe(303);
    expect(sent.location).toMatch(/\/gegevens\/contact\/bevestigen\//);
  });

  it('opens the page after a refused form at its error summary', async () => {
    const browser = await loginOverHttp(stack.url, { bsn: '999993653' });
    const form = await browser.request(`${stack.url}/gegevens/contact/email`);
    expect(form.body).toContain('action="/gegevens/contact/email#error-summary"');
    const refused = await browser.request(`${stack.url}/gegevens/contact/email`, { form: { _csrf: csrfOf(form.body), adres: 'geen adres' } });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('id="error-summary"');
  });
});

describe('a session that expired while the person typed (without JavaScript)', () => {
  const suzanne = { bsn: objectenDemo.notable.suzanne.bsn };
  const uuid = objectenDemo.notable.suzanne.taak.portaalformulier;

  /** Opens the taak form, lets the session expire, and sends the answers from that page. */
  async function sendAfterExpiry(browser: HttpBrowser, form: Record<string, string>) {
    const page = await browser.request(`${stack.url}/taken/${uuid}`);
    await stack.voordeur.database.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 16 * 60 * 1000) })
      .execute();
    return browser.request(`${stack.url}/taken/${uuid}`, {
      form: { _csrf: csrfOf(page.body), ...form },
      headers: { referer: `${stack.url}/taken/${uuid}` },
    });
  }

  it('keeps the answers, and after logging in again they are sent with one button and finish the taak', async () => {
    const browser = await loginOverHttp(stack.url, suzanne);
    const late = await sendAfterExpiry(browser, answers);
    expect(late.status).toBe(303);
    expect(late.location).toBe(`${stack.url}/uitgelogd?reden=verlopen&bewaard=1`);
    expect((await browser.request(late.location!)).body).toContain('Wat u had ingevuld, is bewaard.');
    // Kept encrypted: the database holds none of what was typed.
    const rows = await stack.voordeur.database.db.selectFrom('kept_forms').selectAll().execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain('wasmachine');

    const back = await logIn(browser, stack.url, suzanne);
    expect(back.url).toBe(`${stack.url}/bewaard`);
    expect(back.body).toContain('Verder met wat u had ingevuld');
    expect(back.body).toContain(`href="/taken/${uuid}"`);
    const kept = formIn(back.body.split('</h1>')[1]!);
    expect(kept.action).toBe(`/taken/${uuid}#error-summary`);
    expect(kept.fields).toEqual({ _csrf: kept.fields._csrf, ...answers });
    expect(kept.fields._csrf).toBe(csrfOf(back.body));

    const sent = await browser.request(new URL(kept.action, stack.url).href, { form: kept.fields });
    expect(sent.location).toBe(`${stack.url}/taken/${uuid}?verstuurd=1#bevestiging`);
    const stored = stack.objecten.objects().find((o) => o.uuid === uuid) as { record: { data: Record<string, unknown> } };
    expect(stored.record.data.status).toBe('afgerond');
    // Offered once: the kept answers are gone once shown.
    expect((await browser.request(`${stack.url}/bewaard`)).body).toContain('Er zijn geen bewaarde antwoorden meer.');
  });

  it('offers the answers to nobody else: another person logging in on that device sees none of them', async () => {
    const browser = await loginOverHttp(stack.url, suzanne);
    await sendAfterExpiry(browser, { ...answers, toelichting: 'Alleen voor Suzanne' });
    const other = await logIn(browser, stack.url, { bsn: '999992570' });
    expect(other.url).toBe(`${stack.url}/overzicht`);
    expect((await browser.request(`${stack.url}/bewaard`)).body).not.toContain('Alleen voor Suzanne');
    // As gemachtigde for Suzanne it is not the same person either.
    const gemachtigde = await logIn(browser, stack.url, { gemachtigde: '999992570', voor: suzanne.bsn });
    expect(gemachtigde.url).toBe(`${stack.url}/overzicht`);
    // And they stay Suzanne's: she still gets them on this device.
    const again = await logIn(browser, stack.url, suzanne);
    expect(again.body).toContain('Alleen voor Suzanne');
  });

  it("keeps nothing sent without the expired session's own token (another site cannot plant answers)", async () => {
    const browser = await loginOverHttp(stack.url, suzanne);
    await browser.request(`${stack.url}/taken/${uuid}`);
    await stack.voordeur.database.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 16 * 60 * 1000) })
      .execute();
    const planted = await browser.request(`${stack.url}/taken/${uuid}`, { form: { _csrf: 'not-the-token', ...answers } });
    expect(planted.location).toBe(`${stack.url}/uitgelogd?reden=verlopen`);
    expect(browser.cookie(stack.url, 'voordeur_bewaard')).toBeUndefined();
    // Where a login ends with nothing kept: Suzanne is Anna's bewindvoerder, so she is asked for whom she acts first.
    expect((await logIn(browser, stack.url, suzanne)).url).toBe(`${stack.url}/machtigingen?terug=%2Foverzicht`);
  });

  it('says the answers are gone once their hour has passed', async () => {
    const browser = await loginOverHttp(stack.url, suzanne);
    await sendAfterExpiry(browser, answers);
    await stack.voordeur.database.db
      .updateTable('kept_forms')
      .set({ created_at: new Date(Date.now() - 61 * 60 * 1000) })
      .execute();
    const back = await logIn(browser, stack.url, suzanne);
    expect(back.body).toContain('Wij bewaren antwoorden 60 minuten');
    expect(back.body).not.toContain('wasmachine');
  });
});
