/**
 * The medewerkersportaal through both portals, over HTTP: a staff member logs in with the
 * organisation's own login, states a purpose, sees the person's dossier (only what their role
 * allows), and the person then sees in "Wie heeft mijn gegevens gebruikt" that a staff member of
 * that department looked and why — never the staff member's name.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { objectenDemo } from '../../simulators/data/objecten-demo.ts';
import { zgwDemo } from '../../simulators/data/zgw-demo.ts';
import { findTestMedewerker } from '../../simulators/data/test-identities.ts';
import { type HttpBrowser, loginOverHttp, staffLoginOverHttp } from '../support/http-browser.ts';
import { startStack, type Stack } from '../support/stack.ts';
import type { Identity } from '../../src/domain/identity.ts';
import { IdentityKeys } from '../../src/platform/identity-keys.ts';
import { AanvraagStore } from '../../src/sources/voordeur/aanvragen.ts';

const suzanne = objectenDemo.notable.suzanne.bsn;
const mirjam = findTestMedewerker('mbakker')!; // Klantcontactcentrum, role kcc
const peter = findTestMedewerker('psmit')!; // Team Inkomen, roles kcc and inkomen
const gast = findTestMedewerker('gast')!; // no role
const anouk = findTestMedewerker('avisser')!; // Team Inkomen, role inkomen only: zaken and documenten
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
const bijstand = 'Bijzondere bijstand voor een wasmachine';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({}, {}, { aanvragen: true });
});
afterAll(() => stack.close());

/** Searches with a purpose; returns the answer (a redirect to the dossier when it was right). */
async function search(browser: HttpBrowser, form: Record<string, string>) {
  const page = await browser.request(`${stack.url}/medewerkers`);
  return browser.request(`${stack.url}/medewerkers/zoeken`, { form: { _csrf: csrfOf(page.body), nummer: '', vestiging: '', doel: '', kenmerk: '', ...form } });
}

async function openDossier(browser: HttpBrowser, form: Record<string, string>) {
  const answer = await search(browser, form);
  expect(answer.status).toBe(303);
  expect(answer.location).toMatch(/\/medewerkers\/dossier\/[\w-]+$/);
  const dossier = await browser.request(answer.location!);
  expect(dossier.status).toBe(200);
  return { url: answer.location!, body: dossier.body };
}

describe('a staff member with a purpose', () => {
  it("sees the person's zaken, taken, berichten and contact details, without the zaaktypen kept for another role", async () => {
    const browser = await staffLoginOverHttp(stack.url, mirjam);
    const { body } = await openDossier(browser, { nummer: suzanne, doel: 'telefoon' });
    expect(body).toContain(`Gegevens van BSN ${suzanne}`);
    expect(body).toContain('U bekijkt deze gegevens voor: Vraag van de inwoner aan de telefoon.');
    expect(body).toContain('Ingelogd als Mirjam Bakker (Klantcontactcentrum)');
    expect(body).toContain('Parkeervergunning');
    expect(body).not.toContain(bijstand);
    expect(body).toContain('id="dossier-taken-title"');
    expect(body).toContain('id="dossier-berichten-title"');
    expect(body).toContain('Nog niet gelezen');
    expect(body).toContain('id="dossier-contact-title"');
    // Read only: no forms to change anything, no links into the resident's pages.
    expect(body).not.toContain('action="/gegevens');
    expect(body).not.toContain('href="/zaken/');
    expect(body).not.toContain('href="/berichten/');
  });

  it('with a role for it, sees that zaaktype too; and only what the role allows', async () => {
    const browser = await staffLoginOverHttp(stack.url, peter);
    const { body } = await openDossier(browser, { nummer: suzanne, doel: 'balie' });
    expect(body).toContain(bijstand);
  });

  it("opens one of the person's zaken with its timeline and documents; a zaaktype kept for another role is not found", async () => {
    const browser = await staffLoginOverHttp(stack.url, mirjam);
    const { url, body } = await openDossier(browser, { nummer: suzanne, doel: 'telefoon' });
    const link = /href="(\/medewerkers\/dossier\/[\w-]+\/bekijk\/zaken\/zaak\/[^"]+)"/.exec(body);
    expect(link).not.toBeNull();
    const zaak = await browser.request(`${stack.url}${link![1]!.replaceAll('&amp;', '&')}`);
    expect(zaak.status).toBe(200);
    expect(zaak.body).toContain('id="zaak-status-title"');
    expect(zaak.body).toContain('class="voordeur-process-steps"');
    expect(zaak.body).toContain('id="zaak-documents-title"');
    expect(zaak.body).toContain(`href="${new URL(url).pathname}"`); // the way back to the dossier
    // No forms and no downloads through the resident's routes.
    expect(zaak.body).not.toContain('href="/zaken/');
    expect(zaak.body).not.toContain('<form class="utrecht-form" method="post" action="/zaken');

    const kept = zgwDemo.zaken.find((z) => z.omschrijving === bijstand)!;
    const keptPath = `${new URL(url).pathname}/bekijk/zaken/zaak/demo/${kept.uuid}`;
    expect((await browser.request(`${stack.url}${keptPath}`)).status).toBe(404);
    const ofPeter = await staffLoginOverHttp(stack.url, peter);
    const peterDossier = await openDossier(ofPeter, { nummer: suzanne, doel: 'balie' });
    const peterZaak = await ofPeter.request(`${stack.url}${new URL(peterDossier.url).pathname}/bekijk/zaken/zaak/demo/${kept.uuid}`);
    expect(peterZaak.status).toBe(200);
    expect(peterZaak.body).toContain(bijstand);
  });

  it('does not mark berichten read by looking', async () => {
    const resident = await loginOverHttp(stack.url, { bsn: suzanne });
    const unread = (html: string) => (html.match(/Ongelezen/g) ?? []).length;
    const before = unread((await resident.request(`${stack.url}/berichten`)).body);
    const browser = await staffLoginOverHttp(stack.url, mirjam);
    await openDossier(browser, { nummer: suzanne, doel: 'telefoon' });
    expect(unread((await resident.request(`${stack.url}/berichten`)).body)).toBe(before);
  });

  it('says which berichten the person archived', async () => {
    const resident = await loginOverHttp(stack.url, { bsn: suzanne });
    const [uuid] = objectenDemo.notable.suzanne.unreadBerichten;
    const { onderwerp } = (stack.objecten.objects().find((o) => o.uuid === uuid) as { record: { data: { onderwerp: string } } }).record.data;
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await resident.request(`${stack.url}/berichten`)).body)![1]!;
    expect((await resident.request(`${stack.url}/berichten/${uuid}/archief`, { form: { _csrf: csrf, archief: 'ja' } })).status).toBe(303);
    const browser = await staffLoginOverHttp(stack.url, mirjam);
    const { body } = await openDossier(browser, { nummer: suzanne, doel: 'telefoon' });
    const row = [...body.matchAll(/<tr class="utrecht-table__row"[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => text(m[1]!)).find((r) => r.includes(onderwerp));
    expect(row).toContain('Nog niet gelezen, in het archief van de persoon');
    await resident.request(`${stack.url}/berichten/${uuid}/archief`, { form: { _csrf: csrf, archief: 'nee' } });
  });
});

describe('the notifications sent to the person', () => {
  it('are listed with what became of them: sent, or not sent and why', async () => {
    const zaak = (number: number) => zgwDemo.zaken.find((z) => z.identificatie === `ZAAK-${String(number).padStart(6, '0')}`)!;
    await stack.zgw.addStatus(zaak(101).uuid, 2); // Suzanne: a confirmed e-mail address
    await stack.zgw.addStatus(zaak(201).uuid, 2); // Jan: his e-mail address is not confirmed
    await stack.notificaties.idle();
    await stack.voordeur.notificaties.worker.drain();
    const browser = await staffLoginOverHttp(stack.url, mirjam);
    const ofSuzanne = await openDossier(browser, { nummer: suzanne, doel: 'telefoon' });
    expect(ofSuzanne.body).toContain('id="dossier-meldingen-title"');
    expect(ofSuzanne.body).toContain('Per e-mail');
    expect(ofSuzanne.body).toMatch(/Verstuurd|Aangekomen/);
    const ofJan = await openDossier(browser, { nummer: '999990019', doel: 'telefoon' });
    expect(ofJan.body).toContain('Niet verstuurd: geen bevestigd adres of nummer');
    // The e-mail address is not in this part: messages keep only a keyed hash of it.
    const meldingen = ofJan.body.slice(ofJan.body.indexOf('id="dossier-meldingen-title"'));
    expect(meldingen.slice(0, meldingen.indexOf('</section>'))).not.toContain('@');
  });
});

describe('helping with a notification that did not arrive', () => {
  const fatima = { bsn: '999991772', email: 'fatima.elamrani@example.nl' };
  const resendForm = (html: string) => /<form[^>]*action="([^"#]+)[^"]*"[^>]*>(?:(?!<\/form>)[\s\S])*?name="bericht" value="([^"]+)"/.exec(html);

  it('sends it again to the confirmed address, once, and records who did it', async () => {
    // Notify refuses the message about Fatima's zaak.
    stack.notify.setFault('reject');
    await stack.zgw.addStatus(zgwDemo.zaken.find((z) => z.identificatie === 'ZAAK-000231')!.uuid, 2);
    await stack.notificaties.idle();
    await stack.voordeur.notificaties.worker.drain();
    stack.notify.setFault('none');

    const browser = await staffLoginOverHttp(stack.url, mirjam);
    const dossier = await openDossier(browser, { nummer: fatima.bsn, doel: 'telefoon' });
    expect(dossier.body).toContain('Niet verstuurd: versturen lukte niet');
    const form = resendForm(dossier.body);
    expect(form).not.toBeNull();
    const [, action, bericht] = form!;
    const send = () => browser.request(`${stack.url}${action}`, { form: { _csrf: csrfOf(dossier.body), bericht: bericht! } });

    const sent = await send();
    expect(sent.status).toBe(303);
    const after = await browser.request(sent.location!);
    expect(after.body).toContain('De melding wordt opnieuw verstuurd');
    await stack.voordeur.notificaties.worker.drain();
    const again = stack.notify.sent().filter((m) => m.to === fatima.email);
    expect(again).toHaveLength(1);
    expect(again[0]!.reference).toBe(`${bericht}:opnieuw`);
    // No personal data in the message itself.
    expect(again[0]!.body).not.toContain(fatima.bsn);

    // Now listed as sent, and the one that failed offers nothing more.
    const later = await browser.request(dossier.url);
    expect(later.body).toMatch(/>(Verstuurd|Aangekomen)</);
    expect(resendForm(later.body)).toBeNull();
    const twice = await send();
    expect(twice.status).toBe(409);
    expect(twice.body).toContain('Deze melding is al opnieuw verstuurd');
    expect(stack.notify.sent().filter((m) => m.to === fatima.email)).toHaveLength(1);

    // Someone else's or an unknown message is not found for this person.
    const unknown = await browser.request(`${stack.url}${action}`, { form: { _csrf: csrfOf(dossier.body), bericht: 'bestaat-niet:email' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain('Deze melding is niet gevonden');

    // The internal audit log has it, with the staff member; the person's log says a staff member added a notification.
    const audit = await stack.voordeur.database.db.selectFrom('staff_audit').select(['medewerker_naam', 'detail']).where('handeling', '=', 'actie').execute();
    expect(audit).toEqual([{ medewerker_naam: 'Mirjam Bakker', detail: 'notificaties.opnieuw-versturen' }]);
  });

  it('marks the address for confirmation again: the person sees it must be confirmed, and nothing is sent to it until then', async () => {
    const browser = await staffLoginOverHttp(stack.url, mirjam);
    const dossier = await openDossier(browser, { nummer: fatima.bsn, doel: 'telefoon' });
    const form = /<form[^>]*action="([^"#]+)[^"]*"[^>]*>(?:(?!<\/form>)[\s\S])*?name="soort" value="email"/.exec(dossier.body);
    expect(form).not.toBeNull();
    expect(dossier.body).toContain('E-mailadres opnieuw laten bevestigen');
    const mark = () => browser.request(`${stack.url}${form![1]}`, { form: { _csrf: csrfOf(dossier.body), soort: 'email' } });
    const marked = await mark();
    expect(marked.status).toBe(303);
    expect((await browser.request(marked.location!)).body).toContain('Het adres of nummer moet opnieuw bevestigd worden');

    const resident = await loginOverHttp(stack.url, { bsn: fatima.bsn });
    const gegevens = await resident.request(`${stack.url}/gegevens`);
    expect(gegevens.body).toContain(fatima.email);
    expect(gegevens.body).toContain('(nog niet bevestigd)');
    expect(gegevens.body).toContain('href="/gegevens/contact/email"');
    // Done once: there is no confirmed address left to mark, and the button is gone.
    const twice = await mark();
    expect(twice.status).toBe(409);
    expect(twice.body).toContain('Er is geen bevestigd adres of nummer van deze soort');
    expect(twice.body).not.toContain('E-mailadres opnieuw laten bevestigen');
  });

  it('is not offered to, and refused for, a role that may not see notifications; nor are they read', async () => {
    const browser = await staffLoginOverHttp(stack.url, anouk);
    const dossier = await openDossier(browser, { nummer: fatima.bsn, doel: 'telefoon' });
    expect(dossier.body).not.toContain('id="dossier-meldingen-title"');
    expect(dossier.body).not.toContain('id="dossier-contact-title"');
    expect(resendForm(dossier.body)).toBeNull();
    const refused = await browser.request(`${stack.url}${new URL(dossier.url).pathname}/actie/notificaties/opnieuw-versturen`, {
      form: { _csrf: csrfOf(dossier.body), bericht: 'x:email' },
    });
    expect(refused.status).toBe(403);
    const denied = await stack.voordeur.database.db
      .selectFrom('staff_audit')
      .select(['detail'])
      .where('handeling', '=', 'geweigerd')
      .where('medewerker_naam', '=', 'Anouk Visser')
      .execute();
    expect(denied).toEqual([{ detail: 'notificaties.opnieuw-versturen: rol mag notificaties niet' }]);
  });
});

describe('registering the conversation', () => {
  it('records it as a klantcontact the person then sees among their contactmomenten; a wrong form or a source that is down loses nothing typed', async () => {
    const browser = await staffLoginOverHttp(stack.url, mirjam);
    const { url, body } = await openDossier(browser, { nummer: suzanne, doel: 'telefoon' });
    const action = `${url}/contact`;
    const wrong = await browser.request(action, { form: { _csrf: csrfOf(body), kanaal: '', onderwerp: '', inhoud: 'Vraag over de parkeervergunning' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('Kies hoe het contact was.');
    expect(wrong.body).toContain('Vul het onderwerp in.');
    expect(wrong.body).toContain('Vraag over de parkeervergunning</textarea>');

    stack.klantinteracties.setFault('down');
    const down = await browser.request(action, {
      form: { _csrf: csrfOf(body), kanaal: 'telefoon', onderwerp: 'Parkeervergunning verlengen', inhoud: 'Uitgelegd hoe verlengen werkt.' },
    });
    stack.klantinteracties.setFault('none');
    expect(down.status).toBe(503);
    expect(down.body).toContain('Het klantcontactsysteem is nu niet bereikbaar.');
    expect(down.body).toContain('Uitgelegd hoe verlengen werkt.</textarea>');

    const saved = await browser.request(action, {
      form: { _csrf: csrfOf(body), kanaal: 'telefoon', onderwerp: 'Parkeervergunning verlengen', inhoud: 'Uitgelegd hoe verlengen werkt.' },
    });
    expect(saved.status).toBe(303);
    expect((await browser.request(saved.location!)).body).toContain('Het gesprek is vastgelegd.');
    const resident = await loginOverHttp(stack.url, { bsn: suzanne });
    expect((await resident.request(`${stack.url}/gegevens`)).body).toContain('Parkeervergunning verlengen');
    // Jan does not see it.
    const jan = await loginOverHttp(stack.url, { bsn: '999990019' });
    expect((await jan.request(`${stack.url}/gegevens`)).body).not.toContain('Parkeervergunning verlengen');
    const audit = await stack.voordeur.database.db.selectFrom('staff_audit').select('handeling').where('handeling', '=', 'contact-geregistreerd').execute();
    expect(audit).toHaveLength(1);
  });

  it('with a terugbelverzoek, gives the chosen department an interne taak about the conversation; without a department or text, nothing is registered', async () => {
    const browser = await staffLoginOverHttp(stack.url, mirjam);
    const { url, body } = await openDossier(browser, { nummer: suzanne, doel: 'telefoon' });
    expect(body).toContain('Terugbelverzoek (niet verplicht)');
    const teamInkomen = '8b1c2f7e-6a3d-4e59-9f0a-1c2d3e4f5a61';
    const form = { _csrf: csrfOf(body), kanaal: 'telefoon', onderwerp: 'Vraag over bijstand', inhoud: 'Wil weten wat ze nog moet sturen.', terugbellen: 'ja' };
    const before = stack.klantinteracties.klantcontacten().length;

    const incomplete = await browser.request(`${url}/contact`, { form: { ...form, afdeling: 'onbekend', toelichting: '' } });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body).toContain('Kies de afdeling die terugbelt.');
    expect(incomplete.body).toContain('Schrijf op wat de afdeling moet weten om terug te bellen.');
    expect(incomplete.body).toContain('Wil weten wat ze nog moet sturen.</textarea>');
    expect(stack.klantinteracties.klantcontacten()).toHaveLength(before);

    const saved = await browser.request(`${url}/contact`, { form: { ...form, afdeling: teamInkomen, toelichting: 'Bereikbaar na 14.00 uur.' } });
    expect(saved.status).toBe(303);
    expect((await browser.request(saved.location!)).body).toContain('de afdeling heeft een terugbelverzoek gekregen');
    const taken = stack.klantinteracties.interneTaken();
    expect(taken).toHaveLength(1);
    expect(taken[0]).toMatchObject({
      gevraagdeHandeling: 'Terugbellen',
      actoren: [teamInkomen],
      toelichting: 'Bereikbaar na 14.00 uur.',
      status: 'te_verwerken',
    });
    const contact = stack.klantinteracties.klantcontacten().find((k) => k.uuid === taken[0]!.klantcontact);
    expect(contact).toMatchObject({ onderwerp: 'Vraag over bijstand' });
  });

  it("started from a zaak's page, links the klantcontact to that zaak, which the person then sees; a zaak they may not see is refused", async () => {
    const browser = await staffLoginOverHttp(stack.url, mirjam);
    const { url, body } = await openDossier(browser, { nummer: suzanne, doel: 'telefoon' });
    const parkeren = zgwDemo.zaken.find((z) => z.omschrijving?.startsWith('Parkeervergunning') && z.identificatie === 'ZAAK-000101')!;
    const zaakPage = await browser.request(`${url}/bekijk/zaken/zaak/demo/${parkeren.uuid}`);
    const link = /href="([^"]+)">Gesprek over deze zaak vastleggen/.exec(zaakPage.body);
    expect(link).not.toBeNull();
    const form = await browser.request(`${stack.url}${link![1]!.replaceAll('&amp;', '&')}`);
    expect(form.body).toContain('Dit gesprek gaat over de zaak');
    expect(form.body).toContain(`name="zaak" value="demo/${parkeren.uuid}"`);

    const send = (zaak: string) =>
      browser.request(`${url}/contact`, {
        form: { _csrf: csrfOf(body), kanaal: 'telefoon', onderwerp: 'Vraag over de status', inhoud: 'Uitgelegd wat de volgende stap is.', zaak },
      });
    const kept = zgwDemo.zaken.find((z) => z.omschrijving === bijstand)!;
    const refused = await send(`demo/${kept.uuid}`);
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('Deze zaak is niet gevonden bij deze inwoner of dit bedrijf');

    const saved = await send(`demo/${parkeren.uuid}`);
    expect(saved.status).toBe(303);
    const resident = await loginOverHttp(stack.url, { bsn: suzanne });
    const gegevens = (await resident.request(`${stack.url}/gegevens`)).body;
    const row = gegevens.slice(gegevens.indexOf('Vraag over de status'));
    expect(row.slice(0, row.indexOf('</tr>'))).toContain(`href="/zaken/demo/${parkeren.uuid}"`);
  });
});

describe('the aanvragen a person sent', () => {
  it('shows each with its kenmerk and whether it reached the back office yet, then the zaak it became; not for a role without aanvragen', async () => {
    const keys = new IdentityKeys(stack.voordeur.config.identityKeySecret);
    const store = new AanvraagStore(stack.voordeur.database.db, keys);
    const identity: Identity = { method: 'digid', subject: { type: 'persoon', bsn: suzanne } };
    const answers = { prefill: {}, data: { reden: 'kwijt' }, values: {}, prefilled: [] };
    const id = await store.createConcept(identity, { id: 'producttype-1', titel: 'Afvalpas aanvragen' }, answers);
    // Stored and confirmed, its delivery still to come (a back office that is down).
    expect((await store.submit(identity, id, 'zaken', answers, async () => {})).outcome).toBe('sent');
    const { kenmerk } = (await store.received(identity.subject, id))!;

    const browser = await staffLoginOverHttp(stack.url, mirjam);
    const { url } = await openDossier(browser, { nummer: suzanne, doel: 'telefoon' });
    const row = (html: string) => {
      const from = html.slice(html.indexOf('id="dossier-aanvragen-title"'));
      return text(from.slice(from.indexOf('Afvalpas aanvragen'), from.indexOf('</tr>', from.indexOf('Afvalpas aanvragen'))));
    };
    expect(row((await browser.request(url)).body)).toContain(`${kenmerk}`);
    expect(row((await browser.request(url)).body)).toContain('Nog niet bij de afdeling');

    // Delivered as a zaak of hers: the row links to that zaak's page in the dossier, which opens.
    const parkeren = zgwDemo.zaken.find((z) => z.identificatie === 'ZAAK-000101')!;
    await store.created(id, 'zaak_url', `${stack.voordeur.config.zaken.systems[0]!.zakenApi}/zaken/${parkeren.uuid}`);
    await store.delivered(id);
    const delivered = (await browser.request(url)).body;
    expect(row(delivered)).toContain('Er is een zaak van gemaakt');
    const zaakLink = `${new URL(url).pathname}/bekijk/zaken/zaak/demo/${parkeren.uuid}`;
    expect(delivered).toContain(`href="${zaakLink}"`);
    expect((await browser.request(`${stack.url}${zaakLink}`)).status).toBe(200);

    // Anouk's role (zaken and documenten) does not show aanvragen.
    const inkomen = await staffLoginOverHttp(stack.url, anouk);
    const { body } = await openDossier(inkomen, { nummer: suzanne, doel: 'telefoon' });
    expect(body).not.toContain('id="dossier-aanvragen-title"');
    expect(body).not.toContain(kenmerk);

    // The person is told a staff member looked at the aanvragen they sent.
    const resident = await loginOverHttp(stack.url, { bsn: suzanne });
    expect(text((await resident.request(`${stack.url}/gegevens/verwerkingen`)).body)).toContain('de aanvragen die u online verstuurde');
  });
});

describe('what the person sees', () => {
  it('"Wie heeft mijn gegevens gebruikt" names the department and the purpose, never the staff member', async () => {
    const browser = await staffLoginOverHttp(stack.url, mirjam);
    await openDossier(browser, { nummer: suzanne, doel: 'terugbelverzoek', kenmerk: 'TB-2026/0412' });
    const resident = await loginOverHttp(stack.url, { bsn: suzanne });
    const log = await resident.request(`${stack.url}/gegevens/verwerkingen`);
    expect(log.body).toContain('Een medewerker (afdeling Klantcontactcentrum)');
    expect(log.body).toContain('Omdat u vroeg om terug te bellen');
    expect(log.body).not.toContain('Mirjam');
    expect(log.body).not.toContain('Bakker');
  });

  it('the internal audit log names the staff member, with the same trace id as the processing log', async () => {
    const browser = await staffLoginOverHttp(stack.url, mirjam);
    const { url } = await openDossier(browser, { nummer: suzanne, doel: 'balie' });
    const db = stack.voordeur.database.db;
    const access = await db.selectFrom('staff_access').selectAll().where('id', '=', url.split('/').pop()!).executeTakeFirstOrThrow();
    const audit = await db.selectFrom('staff_audit').selectAll().where('trace_id', '=', access.trace_id).orderBy('id').execute();
    expect(audit.map((row) => row.handeling)).toEqual(['toegang', 'dossier-bekeken']);
    expect(audit[0]).toMatchObject({ medewerker_id: expect.any(String), medewerker_naam: 'Mirjam Bakker', afdeling: 'Klantcontactcentrum', doel: 'balie' });
    const logged = await db.selectFrom('processing_log').selectAll().where('trace_id', '=', access.trace_id).execute();
    expect(logged.length).toBeGreaterThan(0);
    for (const row of logged) expect(row).toMatchObject({ actor: 'medewerker', actor_afdeling: 'Klantcontactcentrum', purpose: 'doel:balie' });
    expect(new Set(logged.map((row) => row.category))).toEqual(
      new Set(['zaken', 'taken', 'berichten', 'persoonsgegevens', 'contactgegevens', 'contactmomenten', 'notificatievoorkeuren', 'meldingen', 'aanvragen']),
    );
  });
});

describe('no purpose, no data', () => {
  it('refuses a search without a purpose, with a wrong BSN or without the required reference, and looks nobody up', async () => {
    const browser = await staffLoginOverHttp(stack.url, mirjam);
    const cases: [Record<string, string>, string][] = [
      [{ nummer: suzanne }, 'Kies waarom u de gegevens nodig heeft.'],
      [{ nummer: '123456789', doel: 'telefoon' }, 'Dit BSN klopt niet.'],
      [{ nummer: '', doel: 'telefoon' }, 'Vul een BSN of KvK-nummer in.'],
      [{ nummer: '12345', doel: 'telefoon' }, 'Dit is geen BSN en geen KvK-nummer.'],
      [{ nummer: suzanne, doel: 'terugbelverzoek' }, 'Vul het kenmerk in.'],
      [{ nummer: suzanne, doel: 'telefoon', vestiging: '000038509504' }, 'Een vestigingsnummer hoort bij een KvK-nummer'],
      [{ nummer: suzanne, doel: 'bestaat-niet' }, 'Kies waarom u de gegevens nodig heeft.'],
    ];
    const granted = async () =>
      Number(
        (
          await stack.voordeur.database.db
            .selectFrom('staff_access')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await granted();
    for (const [form, message] of cases) {
      const answer = await search(browser, form);
      expect(answer.status, JSON.stringify(form)).toBe(400);
      expect(answer.body).toContain(message);
      expect(answer.body).toContain('id="error-summary"');
    }
    expect(await granted()).toBe(before);
  });

  it('a valid BSN of someone unknown gives the same dossier page: a search never says whether a person exists', async () => {
    const browser = await staffLoginOverHttp(stack.url, mirjam);
    const { body } = await openDossier(browser, { nummer: '111222333', doel: 'telefoon' });
    expect(body).toContain('Gegevens van BSN 111222333');
  });

  it('every dossier URL without a current purpose of this session sends back to the search, with why', async () => {
    const first = await staffLoginOverHttp(stack.url, mirjam);
    const { url } = await openDossier(first, { nummer: suzanne, doel: 'telefoon' });
    // Another staff session, even of the same person, has no access through this URL.
    const second = await staffLoginOverHttp(stack.url, mirjam);
    const other = await second.request(url);
    expect(other.status).toBe(303);
    expect(other.location).toBe(`${stack.url}/medewerkers?reden=geen-toegang`);
    expect((await second.request(other.location!)).body).toContain('U kunt deze gegevens niet bekijken.');
    expect((await first.request(`${stack.url}/medewerkers/dossier/nietbestaand`)).location).toBe(`${stack.url}/medewerkers?reden=geen-toegang`);
    // When the access has expired: choose a purpose again.
    await sql`update staff_access set expires_at = now() - interval '1 minute'`.execute(stack.voordeur.database.db);
    const expired = await first.request(url);
    expect(expired.location).toBe(`${stack.url}/medewerkers?reden=toegang-verlopen`);
    expect((await first.request(expired.location!)).body).toContain('De tijd om deze gegevens te bekijken is voorbij.');
  });

  it('a staff member without a role sees no search form, and a search is refused', async () => {
    const browser = await staffLoginOverHttp(stack.url, gast);
    const page = await browser.request(`${stack.url}/medewerkers`);
    expect(page.body).toContain('U heeft geen rol waarmee u gegevens van inwoners of bedrijven mag bekijken.');
    expect(page.body).not.toContain('action="/medewerkers/zoeken"');
    const answer = await browser.request(`${stack.url}/medewerkers/zoeken`, { form: { _csrf: csrfOf(page.body), nummer: suzanne, doel: 'telefoon' } });
    expect(answer.status).toBe(403);
  });
});

describe('two portals, two sessions', () => {
  it("a resident's session never opens the medewerkersportaal", async () => {
    const resident = await loginOverHttp(stack.url, { bsn: suzanne });
    const page = await resident.request(`${stack.url}/medewerkers`);
    expect(page.body).toContain('Inloggen als medewerker');
    expect(page.body).not.toContain('action="/medewerkers/zoeken"');
    expect(page.body).not.toContain('Suzanne');
    const dossier = await resident.request(`${stack.url}/medewerkers/dossier/anything`);
    expect(dossier.location).toBe(`${stack.url}/medewerkers`);
    const overview = await resident.request(`${stack.url}/overzicht`);
    const posted = await resident.request(`${stack.url}/medewerkers/zoeken`, { form: { _csrf: csrfOf(overview.body), nummer: suzanne, doel: 'telefoon' } });
    expect(posted.status).toBe(303);
    expect(posted.location).toBe(`${stack.url}/medewerkers?reden=verlopen`);
  });

  it("a staff session never opens a resident's pages", async () => {
    const browser = await staffLoginOverHttp(stack.url, mirjam);
    for (const path of ['/overzicht', '/zaken', '/gegevens', '/berichten']) {
      const answer = await browser.request(`${stack.url}${path}`);
      expect(answer.status, path).toBe(303);
      expect(answer.location, path).toMatch(new RegExp(`${stack.url}/(\\?terug=.*)?$`));
    }
  });

  it('a POST without the staff session’s token is refused', async () => {
    const browser = await staffLoginOverHttp(stack.url, mirjam);
    const answer = await browser.request(`${stack.url}/medewerkers/zoeken`, { form: { _csrf: 'wrong', nummer: suzanne, doel: 'telefoon' } });
    expect(answer.status).toBe(403);
  });

  it('logging out ends the staff session and every access it had', async () => {
    const browser = await staffLoginOverHttp(stack.url, mirjam);
    const { url, body } = await openDossier(browser, { nummer: suzanne, doel: 'telefoon' });
    const out = await browser.request(`${stack.url}/medewerkers/uitloggen`, { form: { _csrf: csrfOf(body) } });
    expect(out.status).toBe(303);
    const again = await browser.request(url);
    expect(again.location).toBe(`${stack.url}/medewerkers`);
    expect((await browser.request(`${stack.url}/medewerkers`)).body).toContain('Inloggen als medewerker');
  });
});
