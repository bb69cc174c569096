/**
 * "Stel een vraag" (issue 18 §6): a logged-in person or company asks a question, optionally about
 * one of their own zaken; it becomes a klantcontact in the Klantinteracties API (their partij as
 * betrokkene, the zaak as onderwerpobject), they get an ontvangstbevestiging at once, and the
 * question then shows among their contactmomenten. Without JavaScript: plain forms.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { notifyTemplates } from '../../simulators/data/notify-templates.ts';
import { zgwDemo } from '../../simulators/data/zgw-demo.ts';
import { loginOverHttp } from '../support/http-browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ SOURCE_TIMEOUT_MS: '800' });
});
afterAll(() => stack.close());
afterEach(() => {
  stack.klantinteracties.setFault('none');
  stack.zgw.setFault('zaken', 'none');
});

const suzanne = { bsn: '999993653' };
const parkeren = zgwDemo.notable.search.zaak; // Suzanne's open zaak "Parkeervergunning Wilhelminastraat" (ZAAK-000101)
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
/** What the form sends besides the fields: its CSRF token and its one-time token. */
const formOf = (html: string) => ({ _csrf: csrfOf(html), verzending: /name="verzending" value="([^"]+)"/.exec(html)![1]! });
const decode = (value: string) =>
  value
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
const mainOf = (html: string) => /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
const textOf = (html: string) => decode(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
const contactsAbout = (onderwerp: string) => stack.klantinteracties.klantcontacten().filter((k) => k.onderwerp === onderwerp);

describe('asking a question', () => {
  it('registers it as a klantcontact about the chosen zaak, shows the ontvangstbevestiging, and then lists it under contactmomenten with its zaak', async () => {
    const browser = await loginOverHttp(stack.url, suzanne);
    const form = await browser.request(`${stack.url}/vraag`);
    expect(form.status).toBe(200);
    expect(form.body).toContain('<title>Stel een vraag');
    // Her own zaken to choose from, open ones and closed ones; nobody else's.
    expect(form.body).toContain(`<option value="demo/${parkeren}" lang="nl">Parkeervergunning Wilhelminastraat (ZAAK-000101)</option>`);
    expect(form.body).toContain('<optgroup label="Lopende zaken">');
    expect(form.body).toContain('<optgroup label="Afgeronde zaken">');
    expect(form.body).not.toContain(zgwDemo.notable.suzanneOnlyBelanghebbende);

    const sent = await browser.request(`${stack.url}/vraag`, {
      form: {
        ...formOf(form.body),
        zaak: `demo/${parkeren}`,
        onderwerp: 'Wanneer krijg ik de vergunning?',
        vraag: 'Ik wacht al drie weken.\nKunt u mij laten weten hoe lang het nog duurt?',
      },
    });
    expect(sent.status).toBe(303);
    expect(sent.location).toMatch(new RegExp(`^${stack.url}/vraag/ontvangen/[0-9a-f-]{36}#bevestiging$`));
    const uuid = /ontvangen\/([0-9a-f-]{36})/.exec(sent.location!)![1]!;
    const [contact] = contactsAbout('Wanneer krijg ik de vergunning?');
    expect(contact).toMatchObject({
      uuid,
      kanaal: 'website',
      inhoud: 'Ik wacht al drie weken.\nKunt u mij laten weten hoe lang het nog duurt?',
      vertrouwelijk: false,
    });

    const receipt = await browser.request(sent.location!);
    expect(receipt.status).toBe(200);
    const shown = textOf(mainOf(receipt.body));
    expect(shown).toContain('Wij hebben uw vraag ontvangen');
    expect(shown).toContain(`Kenmerk VR-${uuid.replace(/-/g, '').slice(0, 8).toUpperCase()}`);
    expect(shown).toMatch(/Ontvangen op \d{1,2} \w+ \d{4} om \d{2}:\d{2}/);
    expect(shown).toContain('Wat gebeurt er nu?');
    expect(receipt.body).toContain(`href="/zaken/demo/${parkeren}"`);
    expect(receipt.body).toContain('id="bevestiging"');

    // Her contactmomenten: the question, linked to its zaak (so the betrokkene is her partij and the onderwerpobject the zaak).
    const gegevens = await browser.request(`${stack.url}/gegevens`);
    const row = gegevens.body
      .split('id="contactmomenten-title"')[1]!
      .split('</tr>')
      .find((r) => r.includes('Wanneer krijg ik de vergunning?'));
    expect(row).toBeDefined();
    expect(row).toContain('website');
    expect(row).toContain(`href="/zaken/demo/${parkeren}"`);

    // Someone else cannot read her receipt.
    const jan = await loginOverHttp(stack.url, { bsn: '999990019' });
    expect((await jan.request(sent.location!)).status).toBe(404);
  });

  it('without a zaak, registers no onderwerpobject; the zaak page offers the form with that zaak chosen', async () => {
    const browser = await loginOverHttp(stack.url, suzanne);
    const zaakPage = await browser.request(`${stack.url}/zaken/demo/${parkeren}`);
    const link = /<a [^>]*href="([^"]+)">Stel een vraag over deze zaak<\/a>/.exec(zaakPage.body);
    expect(link).not.toBeNull();
    const form = await browser.request(`${stack.url}${decode(link![1]!)}`);
    expect(form.body).toContain(`<option value="demo/${parkeren}" selected lang="nl">`);

    const sent = await browser.request(`${stack.url}/vraag`, {
      form: { ...formOf(form.body), zaak: '', onderwerp: 'Openingstijden stadhuis', vraag: 'Is het stadhuis open op zaterdag?' },
    });
    expect(sent.status).toBe(303);
    const receipt = await browser.request(sent.location!);
    expect(receipt.body).not.toContain('Over de zaak');
    const gegevens = await browser.request(`${stack.url}/gegevens`);
    const row = gegevens.body.split('</tr>').find((r) => r.includes('Openingstijden stadhuis'));
    expect(row).toBeDefined();
    expect(row).not.toContain('href="/zaken/');
  });

  it('registers one klantcontact per form: a double click and a resubmission after "back" lead to the same confirmation; a new form is a new question', async () => {
    const browser = await loginOverHttp(stack.url, suzanne);
    const form = await browser.request(`${stack.url}/vraag`);
    const fields = { ...formOf(form.body), zaak: '', onderwerp: 'Twee keer geklikt', vraag: 'Komt deze vraag één keer aan?' };
    // A double click: both requests at once.
    const [first, second] = await Promise.all([
      browser.request(`${stack.url}/vraag`, { form: fields }),
      browser.request(`${stack.url}/vraag`, { form: fields }),
    ]);
    expect([first.status, second.status]).toEqual([303, 303]);
    expect(second.location).toBe(first.location);
    // Back, and sent again (even with the text changed): the same confirmation, nothing registered.
    const again = await browser.request(`${stack.url}/vraag`, { form: { ...fields, vraag: 'Komt deze vraag één keer aan? Nog eens.' } });
    expect(again.status).toBe(303);
    expect(again.location).toBe(first.location);
    expect(contactsAbout('Twee keer geklikt')).toHaveLength(1);
    expect(textOf(mainOf((await browser.request(again.location!)).body))).toContain('Wij hebben uw vraag ontvangen');

    // A new form is a new question.
    const next = await browser.request(`${stack.url}/vraag`);
    expect(formOf(next.body).verzending).not.toBe(fields.verzending);
    const other = await browser.request(`${stack.url}/vraag`, { form: { ...fields, ...formOf(next.body) } });
    expect(other.status).toBe(303);
    expect(other.location).not.toBe(first.location);
    expect(contactsAbout('Twee keer geklikt')).toHaveLength(2);

    // The token of another login's form is not this person's: a question of their own.
    const jan = await loginOverHttp(stack.url, { bsn: '999990019' });
    const janForm = await jan.request(`${stack.url}/vraag`);
    const janSent = await jan.request(`${stack.url}/vraag`, { form: { ...fields, _csrf: formOf(janForm.body)._csrf } });
    expect(janSent.status).toBe(303);
    expect(janSent.location).not.toBe(first.location);
    expect(contactsAbout('Twee keer geklikt')).toHaveLength(3);
  });

  it('refuses a form without its one-time token with a Dutch error, keeping what was typed and registering nothing', async () => {
    const browser = await loginOverHttp(stack.url, suzanne);
    const form = await browser.request(`${stack.url}/vraag`);
    const refused = await browser.request(`${stack.url}/vraag`, { form: { _csrf: csrfOf(form.body), onderwerp: 'Zonder token', vraag: 'Mijn vraag.' } });
    expect(refused.status).toBe(400);
    expect(textOf(refused.body)).toContain('Dit formulier kunnen we niet versturen');
    expect(refused.body).toContain('value="Zonder token"');
    expect(refused.body).toMatch(/name="verzending" value="[A-Za-z0-9_-]{16,}"/);
    expect(contactsAbout('Zonder token')).toHaveLength(0);
  });

  it('refuses a form without subject or question, a subject too long and a zaak that is not hers with Dutch errors, keeping what was typed and storing nothing', async () => {
    const browser = await loginOverHttp(stack.url, suzanne);
    const form = await browser.request(`${stack.url}/vraag`);
    const before = stack.klantinteracties.klantcontacten().length;

    const empty = await browser.request(`${stack.url}/vraag`, { form: { ...formOf(form.body), zaak: '', onderwerp: '', vraag: '' } });
    expect(empty.status).toBe(400);
    expect(empty.body).toContain('id="error-summary"');
    expect(empty.body).toContain('<title>Er is iets niet goed ingevuld: Stel een vraag');
    expect(empty.body).toContain('href="#onderwerp">Vul het onderwerp van uw vraag in.</a>');
    expect(empty.body).toContain('href="#vraag">Schrijf uw vraag op.</a>');

    const long = await browser.request(`${stack.url}/vraag`, {
      form: { ...formOf(form.body), zaak: `demo/${parkeren}`, onderwerp: 'x'.repeat(101), vraag: 'Mijn vraag & meer "tekst"' },
    });
    expect(long.status).toBe(400);
    expect(decode(long.body)).toContain(
      'Het onderwerp is te lang of heeft tekens die niet kunnen. Gebruik maximaal 100 tekens op één regel. Nu zijn het er 101.',
    );
    expect(decode(long.body)).toContain('Mijn vraag & meer "tekst"</textarea>');
    expect(long.body).toContain(`value="${'x'.repeat(101)}"`);
    expect(long.body).toContain(`<option value="demo/${parkeren}" selected lang="nl">`);

    const tooMuch = await browser.request(`${stack.url}/vraag`, { form: { ...formOf(form.body), onderwerp: 'Lang', vraag: 'a'.repeat(1001) } });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body).toContain('Gebruik maximaal 1000 tekens. Nu zijn het er 1001.');

    // A zaak that is not hers (she is only belanghebbende there), sent by editing the form.
    const other = await browser.request(`${stack.url}/vraag`, {
      form: { ...formOf(form.body), zaak: `demo/${zgwDemo.notable.suzanneOnlyBelanghebbende}`, onderwerp: 'Over die zaak', vraag: 'Hoe staat het ervoor?' },
    });
    expect(other.status).toBe(400);
    expect(decode(other.body)).toContain('href="#zaak">Kies een van uw zaken uit de lijst, of kies "Nee, over iets anders".</a>');
    expect(other.body).toContain('Hoe staat het ervoor?</textarea>');
    expect(stack.klantinteracties.klantcontacten()).toHaveLength(before);

    // Nor does the address preselect someone else's zaak.
    const preselected = await browser.request(`${stack.url}/vraag?zaak=${encodeURIComponent(`demo/${zgwDemo.notable.suzanneOnlyBelanghebbende}`)}`);
    expect(preselected.body).toContain('<option value selected>Nee, over iets anders</option>');
  });

  it('keeps what was typed when the Klantinteracties API is down, and sending it again registers the question once', async () => {
    const browser = await loginOverHttp(stack.url, suzanne);
    const form = await browser.request(`${stack.url}/vraag`);
    const answers = {
      ...formOf(form.body),
      zaak: `demo/${parkeren}`,
      onderwerp: 'Bezoekersvergunning',
      vraag: 'Kan ik ook een vergunning voor bezoek krijgen?',
    };
    stack.klantinteracties.setFault('down');
    const down = await browser.request(`${stack.url}/vraag`, { form: answers });
    expect(down.status).toBe(503);
    expect(down.body).toContain('Uw vraag is niet verstuurd, omdat een systeem niet bereikbaar is.');
    expect(down.body).toContain('Uw antwoorden zijn niet verstuurd. Ze staan nog op deze pagina.');
    const kept = down.body.split('id="resubmit-title"')[1]!;
    for (const [name, value] of Object.entries(answers)) expect(decode(kept)).toContain(`name="${name}" value="${value}"`);
    expect(contactsAbout('Bezoekersvergunning')).toHaveLength(0);

    stack.klantinteracties.setFault('none');
    const again = await browser.request(`${stack.url}/vraag`, { form: answers });
    expect(again.status).toBe(303);
    expect(contactsAbout('Bezoekersvergunning')).toHaveLength(1);
  });

  it('with the zaaksysteem down, still takes a question without a zaak, and keeps one about a zaak to send again', async () => {
    const browser = await loginOverHttp(stack.url, suzanne);
    const form = await browser.request(`${stack.url}/vraag`);
    stack.zgw.setFault('zaken', 'down');
    const page = await browser.request(`${stack.url}/vraag`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Wij kunnen uw zaken nu niet laten zien.');
    const about = await browser.request(`${stack.url}/vraag`, {
      form: { ...formOf(form.body), zaak: `demo/${parkeren}`, onderwerp: 'Tijdens storing', vraag: 'Over mijn zaak.' },
    });
    expect(about.status).toBe(503);
    expect(about.body).toContain('id="resubmit-title"');
    const plain = await browser.request(`${stack.url}/vraag`, { form: { ...formOf(form.body), onderwerp: 'Tijdens storing', vraag: 'Algemene vraag.' } });
    expect(plain.status).toBe(303);
    expect(contactsAbout('Tijdens storing')).toHaveLength(1);
  });

  it('lets a company ask too, as its own partij', async () => {
    const browser = await loginOverHttp(stack.url, { kvk: '90001745' });
    const form = await browser.request(`${stack.url}/vraag`);
    const sent = await browser.request(`${stack.url}/vraag`, {
      form: { ...formOf(form.body), onderwerp: 'Subsidie buurthuis', vraag: 'Welke subsidies zijn er?' },
    });
    expect(sent.status).toBe(303);
    expect((await browser.request(`${stack.url}/gegevens`)).body).toContain('Subsidie buurthuis');
    expect((await loginOverHttp(stack.url, suzanne).then((b) => b.request(`${stack.url}/gegevens`))).body).not.toContain('Subsidie buurthuis');
  });

  it('is refused to a gemachtigde unless GEMACHTIGDE_HANDELINGEN has vragen', async () => {
    const lotte = await loginOverHttp(stack.url, { gemachtigde: '999990482', voor: '999990019' });
    const form = await lotte.request(`${stack.url}/vraag`);
    expect(form.body).toContain('Een vraag stellen kan alleen de persoon voor wie u dit regelt zelf.');
    expect(form.body).not.toContain('name="onderwerp"');
    const refused = await lotte.request(`${stack.url}/vraag`, {
      form: { _csrf: csrfOf(form.body), verzending: 'x'.repeat(22), onderwerp: 'Voor mijn vader', vraag: 'Een vraag.' },
    });
    expect(refused.status).toBe(403);
    expect(contactsAbout('Voor mijn vader')).toHaveLength(0);

    const allowing = await startStack({ GEMACHTIGDE_HANDELINGEN: 'taken,vragen' });
    try {
      const allowed = await loginOverHttp(allowing.url, { gemachtigde: '999990482', voor: '999990019' });
      const page = await allowed.request(`${allowing.url}/vraag`);
      const sent = await allowed.request(`${allowing.url}/vraag`, { form: { ...formOf(page.body), onderwerp: 'Voor mijn vader', vraag: 'Een vraag.' } });
      expect(sent.status).toBe(303);
      // The question is the person's (Jan's), not the gemachtigde's.
      const jan = await loginOverHttp(allowing.url, { bsn: '999990019' });
      expect((await jan.request(`${allowing.url}/gegevens`)).body).toContain('Voor mijn vader');
    } finally {
      await allowing.close();
    }
  });
});

describe('the ontvangstbevestiging in Mijn berichten', () => {
  // Fatima: a resident with a confirmed e-mail address (so her messages go out).
  const fatima = { bsn: '999991772' };
  const to = 'fatima.elamrani@example.nl';
  const mails = () => stack.notify.sent().filter((mail) => mail.to === to && mail.templateId === notifyTemplates.emailChange.id);
  const changesOf = (uuid: string) =>
    stack.voordeur.database.db.selectFrom('notification_changes').select('topic').where('change_key', '=', `vraag:${uuid}`).execute();
  async function until(check: () => Promise<boolean> | boolean, what: string) {
    for (let attempt = 0; attempt < 80; attempt++) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`not in time: ${what}`);
  }

  it('puts the confirmation with the question as a PDF in Mijn berichten and tells her once by e-mail, with nothing personal, also after a double click and a resubmission', async () => {
    const browser = await loginOverHttp(stack.url, fatima);
    const before = mails().length;
    const form = await browser.request(`${stack.url}/vraag`);
    const fields = { ...formOf(form.body), zaak: '', onderwerp: 'Grofvuil ophalen', vraag: 'Wanneer wordt grofvuil opgehaald in de Zonnebloemstraat?' };
    // A double click, and the form sent again after "back": one question, one confirmation.
    const [first, second] = await Promise.all([
      browser.request(`${stack.url}/vraag`, { form: fields }),
      browser.request(`${stack.url}/vraag`, { form: fields }),
    ]);
    const again = await browser.request(`${stack.url}/vraag`, { form: fields });
    expect([first.status, second.status, again.status]).toEqual([303, 303, 303]);
    expect(new Set([first.location, second.location, again.location]).size).toBe(1);
    const uuid = /ontvangen\/([0-9a-f-]{36})/.exec(first.location!)![1]!;
    const kenmerk = `VR-${uuid.replace(/-/g, '').slice(0, 8).toUpperCase()}`;

    // The confirmation page leads to the bericht.
    const receipt = await browser.request(first.location!);
    expect(textOf(mainOf(receipt.body))).toContain('Deze bevestiging staat ook in Mijn berichten, met uw vraag als PDF.');
    expect(receipt.body).toContain(`href="/berichten/${uuid}"`);

    // In Mijn berichten, once: what was received, when, its kenmerk and what happens next; the question as a PDF.
    const berichten = textOf(mainOf((await browser.request(`${stack.url}/berichten`)).body));
    expect(berichten.split('Ontvangstbevestiging van uw vraag: Grofvuil ophalen')).toHaveLength(2);
    const bericht = await browser.request(`${stack.url}/berichten/${uuid}`);
    expect(bericht.status).toBe(200);
    const shown = textOf(mainOf(bericht.body));
    expect(shown).toMatch(/Wij hebben uw vraag ontvangen op \d{1,2} \w+ \d{4} om \d{2}:\d{2}\. Uw kenmerk is VR-[0-9A-F]{8}\./);
    expect(shown).toContain(kenmerk);
    expect(shown).toContain('Wat gebeurt er nu?');
    // The PDF listed as its bijlage, and downloadable.
    expect(shown).toContain(`Uw vraag ${kenmerk}`);
    expect(shown).not.toContain('De bijlagen kunnen niet worden getoond');
    expect(bericht.body).toContain(`href="/berichten/${uuid}/bijlagen/0"`);
    const pdf = await browser.request(`${stack.url}/berichten/${uuid}/bijlagen/0`);
    expect(pdf.status).toBe(200);
    expect(pdf.body.startsWith('%PDF-')).toBe(true);

    // Told through the notification pipeline, once.
    expect(await changesOf(uuid)).toEqual([{ topic: 'bericht' }]);
    await until(() => mails().length > before, 'the e-mail about the confirmation');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const sent = mails().slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toContain('nieuw bericht');
    for (const personal of [fatima.bsn, 'Fatima', 'Amrani', 'Grofvuil', 'Zonnebloemstraat', kenmerk, uuid, 'http://', 'https://'])
      expect(sent[0]!.body + sent[0]!.subject).not.toContain(personal);
    expect(stack.voordeur.logs.join('\n')).not.toContain(fatima.bsn);

    // Hers only.
    const jan = await loginOverHttp(stack.url, { bsn: '999990019' });
    expect((await jan.request(`${stack.url}/berichten/${uuid}`)).status).toBe(404);
    expect((await jan.request(`${stack.url}/berichten/${uuid}/bijlagen/0`)).status).toBe(404);
  });

  it('gives no confirmation while Open Klant is down (nothing was received), and one once the question is sent again', async () => {
    const browser = await loginOverHttp(stack.url, fatima);
    const form = await browser.request(`${stack.url}/vraag`);
    const fields = { ...formOf(form.body), onderwerp: 'Tijdens storing Open Klant', vraag: 'Komt mijn bevestiging?' };
    stack.klantinteracties.setFault('down');
    expect((await browser.request(`${stack.url}/vraag`, { form: fields })).status).toBe(503);
    expect(textOf((await browser.request(`${stack.url}/berichten`)).body)).not.toContain('Tijdens storing Open Klant');
    stack.klantinteracties.setFault('none');
    const sent = await browser.request(`${stack.url}/vraag`, { form: fields });
    expect(sent.status).toBe(303);
    const uuid = /ontvangen\/([0-9a-f-]{36})/.exec(sent.location!)![1]!;
    expect(textOf((await browser.request(`${stack.url}/berichten`)).body).split('Ontvangstbevestiging van uw vraag: Tijdens storing Open Klant')).toHaveLength(
      2,
    );
    expect(await changesOf(uuid)).toEqual([{ topic: 'bericht' }]);
  });
});

describe('where people find it', () => {
  it('the contact page and the overzicht of someone with nothing yet lead to the question form', async () => {
    const contact = await fetch(`${stack.url}/contact`).then((r) => r.text());
    expect(contact).toContain('<a class="utrecht-link utrecht-link--html-a" href="/vraag">Stel een vraag</a>');
    const anna = await loginOverHttp(stack.url, { bsn: '999992570' });
    expect((await anna.request(`${stack.url}/overzicht`)).body).toContain('href="/vraag">Een vraag stellen</a>');
  });
});
