/**
 * An uploaded document is stored under the name the person gave, with the extension of what its
 * content is: a PDF sent as "scan.png" reaches the zaaksysteem as "scan.pdf" (type application/pdf),
 * so no one who opens it later is led by the name to open it as something else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpBrowser, loginOverHttp } from '../support/http-browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

let stack: Stack;
let browser: HttpBrowser;
beforeAll(async () => {
  stack = await startStack();
  browser = await loginOverHttp(stack.url, { bsn: '999993653' });
}, 60_000);
afterAll(() => stack?.close());

/** The page of one of the person's zaken that takes uploads, with its CSRF token. */
async function uploadPage(): Promise<{ url: string; csrf: string }> {
  const list = await browser.request(`${stack.url}/zaken`);
  for (const [, href] of list.body.matchAll(/href="(\/zaken\/[^/"]+\/[0-9a-f-]{36})"/g)) {
    const page = await browser.request(`${stack.url}${href}`);
    if (page.body.includes(`action="${href}/documenten`)) return { url: `${stack.url}${href}`, csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)![1]! };
  }
  throw new Error('no zaak of this person takes uploads');
}

const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

async function upload(name: string, content: Buffer, type: string) {
  const { url, csrf } = await uploadPage();
  const data = new FormData();
  data.append('_csrf', csrf);
  data.append('titel', `Upload ${name}`);
  data.append('bestand', new Blob([new Uint8Array(content)], { type }), name);
  const before = stack.zgw.documents().length;
  const sent = await browser.request(`${url}/documenten`, { multipart: data });
  expect(sent.status).toBe(303);
  const stored = stack.zgw.documents().slice(before);
  expect(stored).toHaveLength(1);
  return stored[0]!;
}

describe('the stored file name of an upload', () => {
  it('gets the extension of the detected content type, keeping the name', async () => {
    expect(await upload('scan.png', pdf, 'image/png')).toMatchObject({ bestandsnaam: 'scan.pdf', formaat: 'application/pdf' });
    expect(await upload('brief.pdf', png, 'application/pdf')).toMatchObject({ bestandsnaam: 'brief.png', formaat: 'image/png' });
    expect(await upload('zonder-extensie', pdf, 'application/octet-stream')).toMatchObject({ bestandsnaam: 'zonder-extensie.pdf' });
  });

  it('keeps a name whose extension already fits', async () => {
    expect(await upload('aanvraag.PDF', pdf, 'application/pdf')).toMatchObject({ bestandsnaam: 'aanvraag.PDF', formaat: 'application/pdf' });
  });
});
