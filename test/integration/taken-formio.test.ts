/**
 * A taak whose form is written the way NL Portal writes an information request (containers with
 * nested keys, read-only fields the case worker filled in, a condition inside a container and one
 * on a nested key, portalFileUpload with several files), over HTTP against the Objecten and ZGW
 * simulators: shown as a form, refused with Dutch errors at the field and in the summary, then
 * written once as nested data, each file a document of the taak's zaak.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { objectenDemo } from '../../simulators/data/objecten-demo.ts';
import { demoUuid } from '../../simulators/data/zgw-demo.ts';
import { type HttpBrowser, loginOverHttp } from '../support/http-browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

let stack: Stack;
let browser: HttpBrowser;
beforeAll(async () => {
  stack = await startStack({ SOURCE_TIMEOUT_MS: '2000' });
  browser = await loginOverHttp(stack.url, { bsn: objectenDemo.notable.lotte.bsn });
});
afterAll(() => stack.close());

const { lotte } = objectenDemo.notable;
const taakUrl = () => `${stack.url}/taken/${lotte.informatieverzoek}`;
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/\s+/g, ' ');
const stored = () => stack.objecten.objects().find((o) => o.uuid === lotte.informatieverzoek) as { record: { index: number; data: Record<string, unknown> } };

const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

function form(csrf: string, fields: Record<string, string>, files: [field: string, name: string, content: Buffer][] = []): FormData {
  const data = new FormData();
  data.append('_csrf', csrf);
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  for (const [field, name, content] of files) data.append(field, new Blob([new Uint8Array(content)]), name);
  return data;
}

describe('Mijn taken: a form as NL Portal writes it', () => {
  it('is shown as a form: nested names, read-only prefilled values, a file input for several files', async () => {
    const page = await browser.request(taakUrl());
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('Dit formulier kunnen wij hier nu niet tonen.');
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toContain('name="aanvrager.adres.straat"');
    expect(page.body).toContain('value="Stationsweg"'); // prefilled from portaalformulier.data, nested
    expect(page.body).toMatch(/id="formio-aanvrager\.naam"[^>]*readonly|readonly[^>]*id="formio-aanvrager\.naam"/);
    expect(page.body).toContain('value="Voorbeeldstad"'); // read-only, nested
    expect(text(page.body)).toContain('Wij missen uw bankafschriften van de afgelopen maand.');
    expect(page.body).toMatch(/<input[^>]*name="bankafschriften"[^>]*type="file"[^>]*multiple/);
    expect(text(page.body)).toContain('Alleen als u bij ‘Is uw situatie veranderd sinds uw aanvraag?’ kiest voor ‘Ja’.');
  });

  it('refuses a missing nested field with a Dutch error next to it and in the summary, and writes nothing', async () => {
    const page = await browser.request(taakUrl());
    const before = stored().record.index;
    const refused = await browser.request(taakUrl(), {
      multipart: form(
        csrfOf(page.body),
        {
          'aanvrager.adres.straat': '',
          'aanvrager.adres.huisnummer': '14',
          'aanvrager.adres.postcode': '1234 AB',
          'situatie.gewijzigd': 'nee',
          akkoord: 'true',
        },
        [['bankafschriften', 'afschrift-oktober.pdf', pdf]],
      ),
    });
    expect(refused.status).toBe(400);
    const summary = refused.body.split('voordeur-error-summary')[1]!.split('</div>')[0]!;
    expect(text(summary)).toContain('Vul ‘Straat’ in.');
    expect(summary).toContain('href="#formio-aanvrager.adres.straat"');
    expect(refused.body).toContain('id="formio-aanvrager.adres.straat-error"');
    expect(text(refused.body.split('id="formio-aanvrager.adres.straat-error"')[1]!.split('</div>')[0]!)).toContain('Vul ‘Straat’ in.');
    expect(refused.body).toContain('value="14"'); // what was typed is kept
    expect(stored().record.index).toBe(before);
  });

  it('refuses a request with more than 20 files, and writes nothing', async () => {
    const page = await browser.request(taakUrl());
    const before = stored().record.index;
    const many = Array.from({ length: 21 }, (_, i): [string, string, Buffer] => ['bankafschriften', `afschrift-${i}.pdf`, pdf]);
    const refused = await browser.request(taakUrl(), { multipart: form(csrfOf(page.body), { 'situatie.gewijzigd': 'nee' }, many) });
    expect(refused.status).toBe(413);
    expect(stored().record.index).toBe(before);
  });

  it('refuses a file that is not what it says, by its content', async () => {
    const page = await browser.request(taakUrl());
    const refused = await browser.request(taakUrl(), {
      multipart: form(
        csrfOf(page.body),
        {
          'aanvrager.adres.straat': 'Stationsweg',
          'aanvrager.adres.huisnummer': '12',
          'aanvrager.adres.postcode': '1234AB',
          'situatie.gewijzigd': 'nee',
          akkoord: 'true',
        },
        [['bankafschriften', 'afschrift.pdf', Buffer.from('MZ\x90\x00 not a pdf at all')]],
      ),
    });
    expect(refused.status).toBe(400);
    expect(text(refused.body)).toContain(
      'Het bestand ‘afschrift.pdf’ bij ‘Een kopie van de bankafschriften van de afgelopen maand’ kunt u hier niet versturen.',
    );
  });

  it('writes the nested data once (also when sent twice at once), each file a document of the zaak referred to by its URL; what does not apply is left out', async () => {
    const page = await browser.request(taakUrl());
    const before = stored().record.index;
    const documentsBefore = stack.zgw.documents().length;
    const answers = () =>
      form(
        csrfOf(page.body),
        {
          'aanvrager.naam': 'Iemand anders', // read-only: what the browser sends is ignored
          'aanvrager.adres.straat': ' Stationsweg ',
          'aanvrager.adres.huisnummer': '12',
          'aanvrager.adres.postcode': '1234ab',
          'situatie.gewijzigd': 'nee',
          'situatie.toelichting': 'Dit geldt niet',
          akkoord: 'true',
        },
        [
          ['bankafschriften', 'afschrift-oktober.pdf', pdf],
          ['bankafschriften', 'afschrift-november.png', png],
          ['bewijsWijziging', 'niet-nodig.pdf', pdf], // its condition does not hold: not stored
        ],
      );
    // Pressed twice at once: one write, each file stored once.
    const [sent, again] = await Promise.all([browser.request(taakUrl(), { multipart: answers() }), browser.request(taakUrl(), { multipart: answers() })]);
    expect(again.status).toBe(303);
    expect(sent.status).toBe(303);
    const after = stored().record;
    expect(after.index).toBe(before + 1);
    expect(after.data.status).toBe('afgerond');
    const data = (after.data.portaalformulier as { verzonden_data: Record<string, unknown> }).verzonden_data;
    const documents = stack.zgw.documents().slice(documentsBefore);
    expect(documents.map((d) => d.bestandsnaam)).toEqual(['afschrift-oktober.pdf', 'afschrift-november.png']);
    expect(data).toEqual({
      toelichtingBehandelaar: 'Wij missen uw bankafschriften van de afgelopen maand. Is uw adres nog juist?',
      aanvrager: { naam: 'Lotte Jansen', adres: { straat: 'Stationsweg', huisnummer: '12', postcode: '1234ab', woonplaats: 'Voorbeeldstad' } },
      situatie: { gewijzigd: 'nee' },
      bankafschriften: documents.map((d) => expect.stringMatching(new RegExp(`^http.*/documenten/api/v1/enkelvoudiginformatieobjecten/${d.uuid}$`))),
      akkoord: true,
    });
    const zaakUuid = demoUuid('a0', 0, lotte.zaak);
    for (const d of documents)
      expect(stack.zgw.zaakinformatieobjecten().some((link) => link.zaak.endsWith(zaakUuid) && link.informatieobject.endsWith(d.uuid))).toBe(true);
    const done = await browser.request(sent.location!);
    expect(done.body).toContain('Bedankt. Wij hebben uw formulier ontvangen.');
  });
});
