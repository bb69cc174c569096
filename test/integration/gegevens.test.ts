/**
 * Mijn gegevens over HTTP, against the BRP, KvK, Klantinteracties and Notify simulators with
 * the demo data: what each person sees, adding, changing and removing contact details with a
 * code (read from the Notify simulator, as the person reads their mail), preferences, another
 * partij's data (404), failing sources, and what ends up in logs and the processing log.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { klantinteractiesDemo } from '../../simulators/data/klantinteracties-demo.ts';
import { zgwDemo } from '../../simulators/data/zgw-demo.ts';
import { type HttpBrowser, loginOverHttp, type TestLogin } from '../support/http-browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ SOURCE_TIMEOUT_MS: '800' });
});
afterAll(() => stack.close());
afterEach(() => {
  for (const simulator of [stack.brp, stack.kvk, stack.klantinteracties]) {
    simulator.setFault('none');
    simulator.setLatency(0);
  }
  stack.klantinteracties.setOpenKlant('current');
  stack.klantinteracties.setPageSize(100);
  stack.notify.setFault('none');
});

const suzanne = { bsn: '999993653' };
const jan = { bsn: '999990019' };
const lotte = { bsn: '999990482' };
const fatima = { bsn: '999991772' };
const anna = { bsn: '999992570' };
const pieter = { bsn: '999995571' };
const bakkerij = { kvk: '69599084' };

const browsers = new Map<string, HttpBrowser>();
async function as(login: TestLogin): Promise<HttpBrowser> {
  const key = JSON.stringify(login);
  if (!browsers.has(key)) browsers.set(key, await loginOverHttp(stack.url, login));
  return browsers.get(key)!;
}
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
/** The text of a block of the page (by the id of its heading). */
const block = (html: string, id: string) => html.split(`id="${id}"`)[1]!.split('</section>')[0]!;
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, ' ');

/** The partij the simulator has for a BSN, with its addresses (as the API would answer). */
function partijOf(bsn: string) {
  const partij = stack.klantinteracties
    .partijen()
    .find((p) =>
      ((p.partijIdentificatoren as { partijIdentificator: { objectId: string } }[] | null) ?? []).some((i) => i.partijIdentificator.objectId === bsn),
    );
  const uuid = partij?.uuid as string | undefined;
  const adressen = stack.klantinteracties.digitaleAdressen().filter((a) => (a.verstrektDoorPartij as { uuid: string } | null)?.uuid === uuid);
  return { partij, adressen };
}

/** Asks for a change of address and returns the confirmation page's URL and the code that was sent. */
async function askCode(browser: HttpBrowser, kind: 'email' | 'telefoonnummer', adres: string) {
  const form = await browser.request(`${stack.url}/gegevens/contact/${kind}`);
  const since = new Date();
  const sent = await browser.request(`${stack.url}/gegevens/contact/${kind}`, { form: { _csrf: csrfOf(form.body), adres } });
  expect(sent.status).toBe(303);
  const to = kind === 'email' ? adres : adres.replace(/\s/g, '').replace(/^0/, '+31');
  const message = await stack.notify.waitFor(to, { since, timeoutMs: 3000 });
  const code = /\b(\d{6})\b/.exec(message.body)![1]!;
  return { confirmUrl: sent.location!, code, message };
}

async function submitCode(browser: HttpBrowser, confirmUrl: string, code: string) {
  const page = await browser.request(confirmUrl);
  return browser.request(confirmUrl, { form: { _csrf: csrfOf(page.body), code } });
}

describe('Mijn gegevens: what a person sees', () => {
  it('shows a resident their BRP data with partner and children, their contact details and contactmomenten', async () => {
    const page = await (await as(suzanne)).request(`${stack.url}/gegevens`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<h1 class="utrecht-heading-1">Mijn gegevens</h1>');
    const persoon = text(block(page.body, 'persoon-title'));
    expect(persoon).toContain('Suzanne de Vries');
    expect(persoon).toMatch(/Partner Martijn \S+( \S+)* \(\w+ sinds \d{1,2} \w+ \d{4}\)/);
    expect(persoon).toContain('Basisregistratie Personen (BRP)');
    expect(persoon).toContain('Klopt er iets niet?');
    // Two children, each with a date of birth.
    expect(persoon).toMatch(/Kinderen Noor \S+( \S+)* \(geboren \d{1,2} \w+ \d{4}\) Daan \S+( \S+)* \(geboren \d{1,2} \w+ \d{4}\)/);

    const contact = text(block(page.body, 'contact-title'));
    expect(contact).toContain('suzanne.devries@example.nl');
    expect(contact).toContain('E-mailadres wijzigen');

    const contactmomenten = block(page.body, 'contactmomenten-title');
    expect(contactmomenten.match(/<tr/g)!.length - 1).toBe(3);
    // Newest first; the one about ZAAK-000102 links to the zaak.
    expect(text(contactmomenten).indexOf('Groene container')).toBeLessThan(text(contactmomenten).indexOf('Vraag over de verbouwing'));
    const zaak102 = zgwDemo.zaken.find((z) => z.identificatie === 'ZAAK-000102')!;
    expect(contactmomenten).toContain(`href="/zaken/demo/${zaak102.uuid}"`);
    // Nobody else's contact.
    expect(page.body).not.toContain('Aanbouw Kastanjelaan 14');
    expect(page.body).not.toContain('Bezoekersparkeren');
  });

  it('shows only the person’s own contactmomenten and contact details, all of them, when an older Open Klant (2.1) ignores the partij filters and pages by 2', async () => {
    stack.klantinteracties.setOpenKlant('2.1');
    stack.klantinteracties.setPageSize(2);
    const page = await (await as(suzanne)).request(`${stack.url}/gegevens`);
    expect(page.status).toBe(200);
    const contactmomenten = block(page.body, 'contactmomenten-title');
    expect(contactmomenten.match(/<tr/g)!.length - 1).toBe(3);
    for (const onderwerp of ['Vraag over de verbouwing', 'Groene container', 'Nieuw paspoort']) expect(text(contactmomenten)).toContain(onderwerp);
    for (const theirs of ['Aanbouw Kastanjelaan 14', 'Bezoekersparkeren', 'parkeervergunning', 'Zonnepanelen', 'Terrasvergunning'])
      expect(page.body).not.toContain(theirs);
    const contact = text(block(page.body, 'contact-title'));
    expect(contact).toContain('suzanne.devries@example.nl');
    for (const theirs of stack.klantinteracties
      .digitaleAdressen()
      .filter((a) => (a.verstrektDoorPartij as { uuid: string } | null)?.uuid !== partijOf(suzanne.bsn).partij?.uuid)) {
      expect(page.body).not.toContain(String(theirs.adres));
    }
    // Pieter, with one klantcontact, sees that one only.
    const pieters = block((await (await as(pieter)).request(`${stack.url}/gegevens`)).body, 'contactmomenten-title');
    expect(pieters.match(/<tr/g)!.length - 1).toBe(1);
  });

  it('says that geheimhouding applies, for a person with geheimhouding in the BRP', async () => {
    const page = await (await as(fatima)).request(`${stack.url}/gegevens`);
    expect(text(block(page.body, 'persoon-title'))).toContain('Er geldt geheimhouding voor deze gegevens');
    const others = await (await as(suzanne)).request(`${stack.url}/gegevens`);
    expect(others.body).not.toContain('Er geldt geheimhouding');
  });

  it('shows a company its KvK data with vestigingen and activiteiten', async () => {
    const page = await (await as(bakkerij)).request(`${stack.url}/gegevens`);
    expect(page.status).toBe(200);
    const bedrijf = text(block(page.body, 'bedrijf-title'));
    expect(bedrijf).toContain('Bakkerij Van den Berg');
    expect(bedrijf).toContain('69599084');
    expect(bedrijf).toContain('Vestigingsnummer');
    expect(bedrijf).toContain('SBI');
    expect(page.body).not.toContain('id="persoon-title"');
    expect(text(block(page.body, 'contact-title'))).toContain('info@bakkerij-vandenberg.example.nl');
  });

  it('shows one of the person’s own contactmomenten with question and answer, and 404 for anyone else’s', async () => {
    const browser = await as(suzanne);
    const own = await browser.request(`${stack.url}/gegevens/contactmomenten/${klantinteractiesDemo.notable.suzanneZaakKlantcontact}`);
    expect(own.status).toBe(200);
    expect(text(own.body)).toContain('Uitgelegd dat de commissie binnen een maand vergadert');
    const karel = klantinteractiesDemo.partijen.find((p) => p.uuid === klantinteractiesDemo.notable.others[0])!.klantcontacten[0]!.uuid;
    const theirs = await browser.request(`${stack.url}/gegevens/contactmomenten/${karel}`);
    expect(theirs.status).toBe(404);
    expect(theirs.body).not.toContain('bouwtekening');
    expect((await browser.request(`${stack.url}/gegevens/contactmomenten/not-a-uuid`)).status).toBe(404);
  });
});

describe('Mijn gegevens: contact details with a code', () => {
  it('creates a partij for a person who has none, once the code from the e-mail is typed', async () => {
    const browser = await as(anna);
    expect(partijOf(anna.bsn).partij).toBeUndefined();
    const before = await browser.request(`${stack.url}/gegevens`);
    expect(text(block(before.body, 'contact-title'))).toContain('E-mailadres toevoegen');

    const { confirmUrl, code, message } = await askCode(browser, 'email', 'anna.bakker@example.nl');
    // The code mail says nothing about the person but the code.
    expect(message.body).not.toContain('Anna');
    expect(message.body).not.toContain(anna.bsn);
    // Nothing is saved before the code comes back.
    expect(partijOf(anna.bsn).partij).toBeUndefined();
    const page = await browser.request(confirmUrl);
    expect(text(page.body)).toContain('Wij hebben een e-mail met een code gestuurd naar anna.bakker@example.nl');

    const done = await submitCode(browser, confirmUrl, code);
    expect(done.status).toBe(303);
    expect(done.location).toBe(`${stack.url}/gegevens?opgeslagen=email#contact-title`);
    const { partij, adressen } = partijOf(anna.bsn);
    expect(partij).toBeDefined();
    expect(adressen).toEqual([
      expect.objectContaining({ adres: 'anna.bakker@example.nl', soortDigitaalAdres: 'email', verificatieDatum: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }),
    ]);

    const after = await browser.request(done.location!);
    expect(after.body).toContain('Uw e-mailadres is opgeslagen.');
    expect(text(block(after.body, 'contact-title'))).toContain('anna.bakker@example.nl');
    // The same code does not work twice.
    expect((await browser.request(confirmUrl)).status).toBe(404);

    // A mobile number next to it; the e-mail address stays the preferred one.
    const sms = await askCode(browser, 'telefoonnummer', '06-12 34 56 70');
    expect((await submitCode(browser, sms.confirmUrl, sms.code)).status).toBe(303);
    const both = partijOf(anna.bsn);
    expect(both.adressen.map((a) => a.adres).sort()).toEqual(['+31612345670', 'anna.bakker@example.nl']);
    const email = both.adressen.find((a) => a.soortDigitaalAdres === 'email')!;
    expect((both.partij!.voorkeursDigitaalAdres as { uuid: string }).uuid).toBe(email.uuid);
  });

  it('changes a mobile number in place, after an SMS code; a Dutch number is stored as +31 and shown as 06 before and after confirming', async () => {
    const browser = await as(suzanne);
    const before = partijOf(suzanne.bsn).adressen.find((a) => a.soortDigitaalAdres === 'telefoonnummer')!;
    const { confirmUrl, code, message } = await askCode(browser, 'telefoonnummer', '06 9876 5432');
    expect(message.type).toBe('sms');
    expect(text((await browser.request(confirmUrl)).body)).toContain('gestuurd naar 06 98765432.');
    const done = await submitCode(browser, confirmUrl, code);
    expect(done.status).toBe(303);
    const shown = text(block((await browser.request(done.location!)).body, 'contact-title'));
    expect(shown).toContain('06 98765432');
    expect(shown).not.toContain('+31');
    const after = partijOf(suzanne.bsn).adressen.filter((a) => a.soortDigitaalAdres === 'telefoonnummer');
    expect(after).toEqual([expect.objectContaining({ uuid: before.uuid, adres: '+31698765432' })]);
  });

  it('refuses an invalid address with a Dutch message next to the field and in the summary, and sends nothing', async () => {
    const browser = await as(jan);
    const form = await browser.request(`${stack.url}/gegevens/contact/email`);
    const sentBefore = stack.notify.sent().length;
    const adressenBefore = partijOf(jan.bsn).adressen;
    const refused = await browser.request(`${stack.url}/gegevens/contact/email`, { form: { _csrf: csrfOf(form.body), adres: 'jan@voorbeeld' } });
    expect(refused.status).toBe(400);
    expect(refused.body.match(/Dit is geen geldig e-mailadres/g)).toHaveLength(2);
    expect(refused.body).toContain('href="#adres"');
    expect(refused.body).toContain('aria-invalid="true"');
    expect(refused.body).toContain('value="jan@voorbeeld"');
    const phone = await browser.request(`${stack.url}/gegevens/contact/telefoonnummer`, { form: { _csrf: csrfOf(form.body), adres: '12345' } });
    expect(phone.status).toBe(400);
    expect(phone.body).toContain('Dit is geen geldig mobiel nummer');
    expect(stack.notify.sent().length).toBe(sentBefore);
    expect(partijOf(jan.bsn).adressen).toEqual(adressenBefore);
  });

  it('counts wrong codes, says how many tries are left, and stops after five', async () => {
    const browser = await as(lotte);
    const adressenBefore = partijOf(lotte.bsn).adressen;
    const { confirmUrl, code } = await askCode(browser, 'email', 'lotte@example.nl');
    const wrong = code === '000000' ? '111111' : '000000';
    const first = await submitCode(browser, confirmUrl, wrong);
    expect(first.status).toBe(400);
    expect(text(first.body)).toContain('Deze code klopt niet. U kunt het nog 4 keer proberen.');
    expect((await submitCode(browser, confirmUrl, '12')).body).toContain('De code heeft 6 cijfers.');
    for (let i = 0; i < 3; i++) await submitCode(browser, confirmUrl, wrong);
    const last = await submitCode(browser, confirmUrl, wrong);
    expect(text(last.body)).toContain('U heeft te vaak een verkeerde code ingevuld. Vraag een nieuwe code aan.');
    // Even the right code no longer works; nothing was saved.
    const right = await submitCode(browser, confirmUrl, code);
    expect(right.status).toBe(400);
    expect(partijOf(lotte.bsn).adressen).toEqual(adressenBefore);
  });

  it('sends a new code on request (the old one stops working), and limits how many codes are sent', async () => {
    const browser = await as(pieter);
    const { confirmUrl, code: old } = await askCode(browser, 'email', 'pieter@example.nl');
    const page = await browser.request(confirmUrl);
    const since = new Date();
    const resent = await browser.request(`${confirmUrl}/opnieuw`, { form: { _csrf: csrfOf(page.body) } });
    expect(resent.status).toBe(303);
    const fresh = /\b(\d{6})\b/.exec((await stack.notify.waitFor('pieter@example.nl', { since, timeoutMs: 3000 })).body)![1]!;
    expect((await browser.request(confirmUrl)).status).toBe(404);
    if (fresh !== old) expect((await submitCode(browser, resent.location!, old)).status).toBe(400);
    // Five codes an hour: two were sent, three more may go, the sixth is refused.
    for (let i = 0; i < 3; i++) await askCode(browser, 'email', `pieter${i}@example.nl`);
    const form = await browser.request(`${stack.url}/gegevens/contact/email`);
    const refused = await browser.request(`${stack.url}/gegevens/contact/email`, { form: { _csrf: csrfOf(form.body), adres: 'pieter9@example.nl' } });
    expect(refused.status).toBe(429);
    expect(refused.body).toContain('U heeft te vaak een code gevraagd');
  });

  it('does not let one person use another person’s confirmation', async () => {
    const { confirmUrl, code } = await askCode(await as(jan), 'email', 'jan.nieuw@example.nl');
    const other = await as(suzanne);
    expect((await other.request(confirmUrl)).status).toBe(404);
    const page = await other.request(`${stack.url}/gegevens`);
    const tried = await other.request(confirmUrl, { form: { _csrf: csrfOf(page.body), code } });
    expect(tried.status).toBe(404);
    expect(partijOf(suzanne.bsn).adressen.some((a) => a.adres === 'jan.nieuw@example.nl')).toBe(false);
  });

  it('removes an address only after the person confirms, and only their own', async () => {
    const browser = await as(fatima);
    const question = await browser.request(`${stack.url}/gegevens/contact/email/verwijderen`);
    expect(question.status).toBe(200);
    expect(text(question.body)).toContain('Weet u zeker dat u dit wilt verwijderen?');
    expect(text(question.body)).toContain('fatima.elamrani@example.nl');
    expect(partijOf(fatima.bsn).adressen).toHaveLength(1);
    const removed = await browser.request(`${stack.url}/gegevens/contact/email/verwijderen`, { form: { _csrf: csrfOf(question.body) } });
    expect(removed.status).toBe(303);
    expect(partijOf(fatima.bsn).adressen).toHaveLength(0);
    expect((await browser.request(removed.location!)).body).toContain('Het is verwijderd.');
    // Nothing left to remove; other partijen keep theirs.
    expect((await browser.request(`${stack.url}/gegevens/contact/email/verwijderen`)).status).toBe(404);
    expect(partijOf(suzanne.bsn).adressen.length).toBeGreaterThan(0);
    expect((await browser.request(`${stack.url}/gegevens/contact/fax`)).status).toBe(404);
  });

  it('says the code could not be sent when Notify refuses, and keeps what was typed', async () => {
    const browser = await as(jan);
    stack.notify.setFault('down');
    const form = await browser.request(`${stack.url}/gegevens/contact/email`);
    const failed = await browser.request(`${stack.url}/gegevens/contact/email`, { form: { _csrf: csrfOf(form.body), adres: 'jan.jansen2@example.nl' } });
    expect(failed.status).toBe(502);
    expect(failed.body).toContain('Wij konden de code niet versturen.');
    expect(failed.body).toContain('value="jan.jansen2@example.nl"');
  });

  it('refuses a form without the CSRF token', async () => {
    const browser = await as(jan);
    const refused = await browser.request(`${stack.url}/gegevens/contact/email`, { form: { adres: 'x@example.nl' } });
    expect(refused.status).toBe(403);
  });
});

describe('Mijn gegevens: notification preferences', () => {
  const checked = (html: string) =>
    [...html.matchAll(/<input[^>]*name="([a-z]+\.[a-z]+)"[^>]*>/g)]
      .filter((m) => /\schecked/.test(m[0]))
      .map((m) => m[1])
      .sort();

  it('starts at e-mail on, SMS off, and keeps what the person chose', async () => {
    const browser = await as(suzanne);
    const page = await browser.request(`${stack.url}/gegevens`);
    expect(checked(block(page.body, 'voorkeuren-title'))).toEqual(['email.aanvraag', 'email.bericht', 'email.product', 'email.taak', 'email.zaak']);
    const saved = await browser.request(`${stack.url}/gegevens/voorkeuren`, {
      form: { _csrf: csrfOf(page.body), 'email.zaak': 'aan', 'email.bericht': 'aan' },
    });
    expect(saved.status).toBe(303);
    const after = await browser.request(saved.location!);
    expect(after.body).toContain('Uw keuzes voor meldingen zijn opgeslagen.');
    expect(checked(block(after.body, 'voorkeuren-title'))).toEqual(['email.bericht', 'email.zaak']);
  });

  it('shows a choice made in another session at once, also where the page was shown before', async () => {
    const phone = await as(suzanne);
    const laptop = await as(suzanne);
    const before = await phone.request(`${stack.url}/gegevens`);
    expect(before.status).toBe(200);
    const again = await phone.request(`${stack.url}/gegevens`);
    const shown = checked(block(again.body, 'voorkeuren-title'));
    // On the laptop, a choice other than the one the phone shows: e-mail for berichten only (for zaken only when that was it).
    const choice: Record<string, string> = shown.length === 1 && shown[0] === 'email.bericht' ? { 'email.zaak': 'aan' } : { 'email.bericht': 'aan' };
    const page = await laptop.request(`${stack.url}/gegevens`);
    const saved = await laptop.request(`${stack.url}/gegevens/voorkeuren`, { form: { _csrf: csrfOf(page.body), ...choice } });
    expect(saved.status).toBe(303);
    const after = await phone.request(`${stack.url}/gegevens`);
    expect(checked(block(after.body, 'voorkeuren-title'))).toEqual(Object.keys(choice));
  });

  it('cannot switch on a channel without a confirmed address, and changes nothing then', async () => {
    const browser = await as(jan); // e-mail not confirmed, no mobile number
    const page = await browser.request(`${stack.url}/gegevens`);
    expect(block(page.body, 'voorkeuren-title')).toContain('Voor meldingen per sms heeft u een bevestigd mobiel nummer nodig.');
    expect(text(block(page.body, 'contact-title'))).toContain('E-mailadres bevestigen');
    const refused = await browser.request(`${stack.url}/gegevens/voorkeuren`, { form: { _csrf: csrfOf(page.body), 'sms.zaak': 'aan' } });
    expect(refused.status).toBe(400);
    expect(text(refused.body)).toContain('U heeft nog geen bevestigd mobiel nummer');
    expect(refused.body).toContain('class="utrecht-alert utrecht-alert--error voordeur-error-summary"');
    const after = await browser.request(`${stack.url}/gegevens`);
    expect(checked(block(after.body, 'voorkeuren-title'))).toEqual([]);
  });
});

describe('Mijn gegevens: failing sources', () => {
  it('keeps the page when the BRP is down, and says only that block is unavailable', async () => {
    stack.brp.setFault('down');
    const page = await (await as(suzanne)).request(`${stack.url}/gegevens`);
    expect(page.status).toBe(200);
    expect(block(page.body, 'persoon-title')).toContain('Dit onderdeel is nu niet beschikbaar');
    expect(block(page.body, 'contact-title')).toContain('suzanne.devries@example.nl');
  });

  it('keeps the page when the Klantinteracties API hangs, within the deadline', async () => {
    stack.klantinteracties.setFault('hang');
    const started = Date.now();
    const page = await (await as(suzanne)).request(`${stack.url}/gegevens`);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(page.status).toBe(200);
    expect(block(page.body, 'contact-title')).toContain('Dit onderdeel is nu niet beschikbaar');
    expect(block(page.body, 'contactmomenten-title')).toContain('Dit onderdeel is nu niet beschikbaar');
    expect(text(block(page.body, 'persoon-title'))).toContain('Suzanne de Vries');
  });

  it('keeps the page when the KvK answers nonsense', async () => {
    stack.kvk.setFault('garbage');
    const page = await (await as(bakkerij)).request(`${stack.url}/gegevens`);
    expect(page.status).toBe(200);
    expect(block(page.body, 'bedrijf-title')).toContain('Dit onderdeel is nu niet beschikbaar');
  });

  it('changes nothing and says so when the Klantinteracties API is down during a change', async () => {
    const browser = await as(suzanne);
    stack.klantinteracties.setFault('down');
    const form = await browser.request(`${stack.url}/gegevens/contact/email`);
    expect(form.status).toBe(503);
    expect(form.body).toContain('Er is niets veranderd');
  });
});

describe('Mijn gegevens: who used my data', () => {
  it('lists each read and change of the person’s data, and only theirs', async () => {
    const browser = await as(suzanne);
    await browser.request(`${stack.url}/gegevens`);
    const log = await browser.request(`${stack.url}/gegevens/verwerkingen`);
    expect(log.status).toBe(200);
    const rows = text(log.body);
    expect(rows).toContain('Bekeken: uw gegevens uit de Basisregistratie Personen (BRP)');
    expect(rows).toContain('Bekeken: uw contact met Gemeente Voorbeeldstad (telefoon, balie, e-mail)');
    expect(rows).toContain('Gewijzigd: uw e-mailadres en mobiele nummer'); // the mobile number, earlier in this file
    expect(rows).toContain('Gewijzigd: uw keuzes voor meldingen');
    const annaLog = text((await (await as(anna)).request(`${stack.url}/gegevens/verwerkingen`)).body);
    expect(annaLog).toContain('Toegevoegd: uw e-mailadres en mobiele nummer');
    expect(annaLog).not.toContain('Gewijzigd: uw keuzes voor meldingen');
  });

  it('shows looking three times in a row as one line with "3 keer", in words a person understands, in Dutch and English', async () => {
    const browser = await loginOverHttp(stack.url, pieter);
    // Logging in shows the overzicht, which may read the BRP too: those reads are in the same line.
    const brpLine = / Bekeken: uw gegevens uit de Basisregistratie Personen \(BRP\)(?: \((\d+) keer\))? Door wie: U zelf Waarom: Om het u te laten zien/g;
    const before = [...text((await browser.request(`${stack.url}/gegevens/verwerkingen`)).body).matchAll(brpLine)].map((m) => Number(m[1] ?? 1));
    expect(before.length).toBeLessThanOrEqual(1);
    for (let i = 0; i < 3; i++) expect((await browser.request(`${stack.url}/gegevens`)).status).toBe(200);
    const log = await browser.request(`${stack.url}/gegevens/verwerkingen`);
    const rows = text(log.body);
    // One line, three more times (unless the quarter of an hour turned meanwhile: then a new line of 3).
    const after = [...rows.matchAll(brpLine)].map((m) => Number(m[1] ?? 1));
    expect(after[0] === (before[0] ?? 0) + 3 || (after[0] === 3 && after.length === 2)).toBe(true);
    // No system names.
    expect(rows).not.toMatch(/Klantcontactsysteem|Zaaksysteem|klantinteracties|openzaak/);
    // The table scrolls sideways on a narrow screen: it can be reached with the keyboard, and has a name.
    expect(log.body).toMatch(/<div class="voordeur-table-wrapper" tabindex="0" role="region" aria-label="Gebruik van uw gegevens, nieuwste eerst">/);
    await browser.request(`${stack.url}/taal/en`);
    const english = text((await browser.request(`${stack.url}/gegevens/verwerkingen`)).body);
    expect(english).toMatch(/Viewed: your details from the Personal Records Database \(BRP\) \(\d+ times\) By whom: You Why: To show it to you/);
    await browser.request(`${stack.url}/taal/nl`);
  });

  it('names a gemachtigde by name in the log of the person they act for', async () => {
    const browser = await loginOverHttp(stack.url, { gemachtigde: lotte.bsn, voor: jan.bsn });
    await browser.request(`${stack.url}/gegevens`);
    const janLog = text((await (await as(jan)).request(`${stack.url}/gegevens/verwerkingen`)).body);
    expect(janLog).toContain('Bekeken: uw gegevens uit de Basisregistratie Personen (BRP) Door wie: Uw gemachtigde Lotte Jansen');
  });

  it('names a bewindvoerder as such, when the machtiging says so', async () => {
    const browser = await loginOverHttp(stack.url, { gemachtigde: suzanne.bsn, voor: anna.bsn });
    await browser.request(`${stack.url}/gegevens`);
    const annaLog = text((await (await as(anna)).request(`${stack.url}/gegevens/verwerkingen`)).body);
    expect(annaLog).toContain('Door wie: Uw bewindvoerder Suzanne de Vries');
  });

  it('shows a period chosen in the form (a GET form, kept in the address), and says what is wrong with a day that is no day', async () => {
    const browser = await as(suzanne);
    await browser.request(`${stack.url}/gegevens`);
    const month = await browser.request(`${stack.url}/gegevens/verwerkingen?periode=maand`);
    expect(month.status).toBe(200);
    expect(month.body).toMatch(/<option value="maand" selected/);
    expect(text(month.body)).toContain('Bekeken: uw gegevens uit de Basisregistratie Personen (BRP)');
    // Days in the future: nothing in that period.
    const later = await browser.request(`${stack.url}/gegevens/verwerkingen?periode=zelf&van=01-01-2099&tot=2099-12-31`);
    expect(later.status).toBe(200);
    expect(text(later.body)).toContain('In deze periode heeft niemand uw gegevens gebruikt.');
    expect(later.body).toContain('value="01-01-2099"');
    expect(later.body).toMatch(/<option value="zelf" selected/);
    // Today is in a period that ends today.
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
    expect(text((await browser.request(`${stack.url}/gegevens/verwerkingen?tot=${today}`)).body)).toContain('Basisregistratie Personen');
    const wrong = await browser.request(`${stack.url}/gegevens/verwerkingen?periode=zelf&van=31-02-2026`);
    expect(wrong.status).toBe(400);
    expect(text(wrong.body)).toContain('Er is iets niet goed ingevuld');
    expect(text(wrong.body)).toContain('Vul een datum in zoals 28-11-2026.');
    expect(wrong.body).toContain('aria-invalid="true"');
    const reversed = await browser.request(`${stack.url}/gegevens/verwerkingen?van=2026-12-01&tot=2026-11-01`);
    expect(reversed.status).toBe(400);
    expect(text(reversed.body)).toContain('ligt vóór de datum bij ‘Vanaf’');
  });

  it('never writes a BSN, e-mail address or phone number to the logs', () => {
    const logs = stack.voordeur.logs.join('\n');
    for (const secret of [suzanne.bsn, anna.bsn, 'anna.bakker@example.nl', 'suzanne.devries@example.nl', '+31698765432', '0698765432', 'pieter@example.nl']) {
      expect(logs).not.toContain(secret);
    }
    expect(logs).toContain('contact detail confirmed and saved');
  });
});
