/**
 * The overzicht as a dashboard, over HTTP against the simulators with the demo data: a card per
 * area with the number that needs attention, the most urgent item and one action; the cards with a
 * taak past its deadline or a bericht that asks something first; a person with nothing yet sees
 * what they can do instead of empty cards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { objectenDemo } from '../../simulators/data/objecten-demo.ts';
import { loginOverHttp } from '../support/http-browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

const { suzanne } = objectenDemo.notable;
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
/** The cards in the order of the page: their area, and their text. */
const cards = (html: string) =>
  [...html.matchAll(/<section class="voordeur-card[^"]*"[^>]*data-feature="([^"]+)"[^>]*>([\s\S]*?)<\/section>/g)].map((m) => ({
    feature: m[1]!,
    html: m[2]!,
    text: text(m[2]!),
  }));
const main = (html: string) => html.split('<main')[1]!.split('</main>')[0]!;

describe('the overzicht as a dashboard', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({}, {}, { aanvragen: true });
  });
  afterAll(() => stack?.close());

  it('puts a taak past its deadline and the berichten that ask something first, each card with its number, most urgent item and one action', async () => {
    const browser = await loginOverHttp(stack.url, { bsn: suzanne.bsn });
    const page = await browser.request(`${stack.url}/overzicht`);
    expect(page.status).toBe(200);
    const shown = cards(page.body);
    // Taken and berichten ask for action (a taak 3 days overdue; berichten with a handelingsperspectief), so they come before zaken and producten.
    expect(shown.map((c) => c.feature)).toEqual(['taken', 'berichten', 'zaken', 'producten']);
    const [taken, berichten, zaken, producten] = shown;

    expect(taken!.text).toContain(`Mijn taken ${suzanne.openTaken.length} taken te doen`);
    expect(taken!.text).toContain('Eerst doen Te laat');
    expect(taken!.html).toContain(`href="/taken/${suzanne.taak.overdue}"`);
    expect(taken!.html).toContain('href="/taken"');

    expect(berichten!.text).toContain(`Mijn berichten ${suzanne.unreadBerichten.length} ongelezen berichten`);
    // Of the berichten that ask something, the one with the soonest deadline (10 days); not the one whose deadline passed.
    expect(berichten!.text).toContain('Hierin vragen wij u iets Actie nodig Wij hebben meer informatie nodig over uw aanvraag bijzondere bijstand Uiterlijk');
    expect(berichten!.html).not.toContain(suzanne.berichtTermijnVerstreken);
    expect(berichten!.html).toContain('href="/berichten"');

    expect(zaken!.text).toMatch(/Mijn zaken \d+ lopende zaken/);
    expect(producten!.text).toContain('Mijn producten');
    // One action per card, and no search box or "(0 …)" heading on the page.
    for (const card of shown) expect(card.html.match(/voordeur-card__action/g)).toHaveLength(1);
    expect(main(page.body)).not.toContain('type="search"');
    expect(text(main(page.body))).not.toMatch(/\(0 /);
  });

  it('keeps the order of the navigation when nothing is overdue or asks for action', async () => {
    const browser = await loginOverHttp(stack.url, { bsn: '999990482' }); // Lotte: a taak due later, a bericht that asks nothing
    const shown = cards((await browser.request(`${stack.url}/overzicht`)).body);
    expect(shown.map((c) => c.feature)).toEqual(['zaken', 'taken', 'berichten', 'producten']);
    expect(shown[1]!.text).toContain('1 taak te doen Eerst doen');
    expect(shown[1]!.text).not.toContain('Te laat');
    expect(shown[2]!.text).toContain('1 ongelezen bericht Nieuwste bericht');
  });

  it('shows a person with nothing yet what they can do: apply for something, or ask a question; no empty cards', async () => {
    const browser = await loginOverHttp(stack.url, { bsn: '999992570' }); // Anna Bakker: new here, nothing yet
    const page = await browser.request(`${stack.url}/overzicht`);
    expect(page.status).toBe(200);
    expect(cards(page.body)).toEqual([]);
    const body = text(main(page.body));
    expect(body).toContain('U heeft nog niets bij ons');
    expect(body).toContain('U heeft nog geen zaken, taken of berichten bij Gemeente Voorbeeldstad.');
    expect(main(page.body)).toContain('<a class="utrecht-link utrecht-link--html-a" href="/aanvragen">Iets aanvragen</a>');
    expect(main(page.body)).toContain('<a class="utrecht-link utrecht-link--html-a" href="/vraag">Een vraag stellen</a>');
    expect(body).not.toMatch(/\b0\b/);
    expect(main(page.body)).not.toContain('type="search"');
  });

  it('shows a person with nothing yet no "(0 zaken)" headings and no search box with nothing to search, on the lists either', async () => {
    const browser = await loginOverHttp(stack.url, { bsn: '999992570' }); // Anna Bakker: new here, nothing yet
    for (const path of ['/zaken', '/taken', '/producten']) {
      const page = await browser.request(`${stack.url}${path}`);
      expect(page.status, path).toBe(200);
      expect(text(main(page.body)), path).not.toMatch(/\(0 /);
      expect(main(page.body), path).not.toContain('role="search"');
    }
    // Someone with zaken still searches them, and sees how many there are.
    const suzanne = await loginOverHttp(stack.url, { bsn: '999993653' });
    const zaken = main((await suzanne.request(`${stack.url}/zaken`)).body);
    expect(zaken).toContain('role="search"');
    expect(text(zaken)).toMatch(/Lopende zaken \(\d+ zaken?\)/);
  });

  it('offers no Aanvragen link where the organisation has no Aanvragen', async () => {
    const plain = await startStack();
    try {
      const browser = await loginOverHttp(plain.url, { bsn: '999998456' });
      const page = main((await browser.request(`${plain.url}/overzicht`)).body);
      expect(page).not.toContain('href="/aanvragen"');
      expect(page).toContain('href="/vraag">Een vraag stellen</a>');
    } finally {
      await plain.close();
    }
  });

  it('says in English what needs attention, with the organisation’s data marked as Dutch', async () => {
    const browser = await loginOverHttp(stack.url, { bsn: suzanne.bsn });
    await browser.request(`${stack.url}/taal/en?terug=%2Foverzicht`);
    const page = await browser.request(`${stack.url}/overzicht`);
    const [taken] = cards(page.body);
    expect(taken!.text).toContain(`My tasks ${suzanne.openTaken.length} tasks to do Do this first Overdue`);
    expect(taken!.html).toMatch(new RegExp(`href="/taken/${suzanne.taak.overdue}" lang="nl"`));
  });
});
