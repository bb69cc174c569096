/** The one HTTP client of the sources, against a small server that answers as it is told. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Metrics } from '../platform/metrics.ts';
import { SourceClient } from './http.ts';
import { SourceRejectedError, SourceUnavailableError } from '../domain/availability.ts';

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void;
const routes = new Map<string, Handler>();
const seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];
let server: Server;
let base: string;

const json =
  (status: number, value: unknown): Handler =>
  (_q, r) => {
    r.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
  };

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      seen.push({ method: request.method!, url: request.url!, headers: request.headers, body });
      const handler = routes.get(request.url!.split('?')[0]!);
      if (handler) handler(request, response, body);
      else response.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  routes.set('/zaak', json(200, { uuid: 'z1', extra: true }));
  routes.set('/garbage', (_q, r) => r.writeHead(200, { 'content-type': 'application/json' }).end('{"uuid": '));
  routes.set('/wrong-shape', json(200, { uuid: 42 }));
  routes.set('/down', json(503, { detail: 'onderhoud' }));
  routes.set('/forbidden', json(403, { detail: 'nee' }));
  routes.set('/moved', (_q, r) => r.writeHead(302, { location: `${base}/zaak` }).end());
  routes.set('/silent', () => undefined);
  routes.set('/slow-body', (_q, r) => {
    r.writeHead(200, { 'content-type': 'application/json' });
    r.write('{"uuid":');
    setTimeout(() => r.end('"z1"}'), 600);
  });
  routes.set('/refuse', json(400, { invalidParams: [{ name: 'adres', code: 'invalid' }] }));
  routes.set('/create', (_q, r, body) => json(201, { uuid: 'new', echo: JSON.parse(body) })(_q, r, body));
  routes.set('/gone', (_q, r) => r.writeHead(204).end());
  routes.set('/file', (_q, r) => r.writeHead(200, { 'content-type': 'application/pdf', 'content-length': '11' }).end('%PDF-1.7 ok'));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const client = (timeoutMs = 300) =>
  new SourceClient({ name: 'test-source', timeoutMs, metrics: new Metrics(), headers: () => ({ authorization: 'Token abc' }) });
const zaak = z.object({ uuid: z.string() });

async function failure(call: Promise<unknown>): Promise<SourceUnavailableError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SourceUnavailableError);
  return error as SourceUnavailableError;
}

describe('SourceClient', () => {
  it('gets JSON with the headers of the source, validated and stripped to the schema', async () => {
    expect(await client().getJson(`${base}/zaak`, zaak)).toEqual({ uuid: 'z1' });
    expect(seen.at(-1)!.headers).toMatchObject({ accept: 'application/json', authorization: 'Token abc' });
  });

  it('answers null for a 404, so that "not there" and "not yours" look the same', async () => {
    expect(await client().getJson(`${base}/nothing-here`, zaak)).toBeNull();
  });

  it('calls the source unavailable when it answers 5xx, refuses Voordeur, redirects, or sends something unexpected', async () => {
    expect(await failure(client().getJson(`${base}/down`, zaak))).toMatchObject({ source: 'test-source', reason: 'status' });
    expect(await failure(client().getJson(`${base}/forbidden`, zaak))).toMatchObject({ reason: 'status' });
    expect(await failure(client().getJson(`${base}/moved`, zaak))).toMatchObject({ reason: 'status' });
    expect(seen.filter((r) => r.url === '/zaak')).toHaveLength(1); // the redirect was not followed
    expect(await failure(client().getJson(`${base}/garbage`, zaak))).toMatchObject({ reason: 'invalid' });
    const wrong = await failure(client().getJson(`${base}/wrong-shape`, zaak));
    expect(wrong.reason).toBe('invalid');
    expect(wrong.message).toContain('unexpected answer at uuid');
  });

  it('gives up at the deadline, whether the answer does not start or does not finish', async () => {
    const started = Date.now();
    expect(await failure(client().getJson(`${base}/silent`, zaak))).toMatchObject({ reason: 'timeout' });
    expect(await failure(client().getJson(`${base}/slow-body`, zaak))).toMatchObject({ reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1_500);
    // With a longer deadline the slow answer is read in full.
    expect(await client(2_000).getJson(`${base}/slow-body`, zaak)).toEqual({ uuid: 'z1' });
  });

  it('calls a source that cannot be reached unavailable', async () => {
    expect(await failure(client().getJson('http://127.0.0.1:9/zaak', zaak))).toMatchObject({ reason: 'network' });
  });

  it('posts JSON, and tells a refusal (4xx) from an outage, with the source’s explanation', async () => {
    expect(await client().postJson(`${base}/create`, { adres: 'x' }, z.object({ uuid: z.string(), echo: z.unknown() }))).toEqual({
      uuid: 'new',
      echo: { adres: 'x' },
    });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', headers: { 'content-type': 'application/json' } });
    const refused = await client()
      .patchJson(`${base}/refuse`, {}, zaak)
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SourceRejectedError);
    expect(refused).toMatchObject({ status: 400, body: { invalidParams: [{ name: 'adres', code: 'invalid' }] } });
  });

  it('deletes: true when done, false when it was not there', async () => {
    expect(await client().delete(`${base}/gone`)).toBe(true);
    expect(await client().delete(`${base}/nothing-here`)).toBe(false);
    expect(await failure(client().delete(`${base}/down`))).toMatchObject({ reason: 'status' });
  });

  it('streams a download with its type and length; null for a 404', async () => {
    const file = await client().download(`${base}/file`);
    expect(file).toMatchObject({ contentType: 'application/pdf', contentLength: 11 });
    expect(await text(file!.body)).toBe('%PDF-1.7 ok');
    expect(await client().download(`${base}/nothing-here`)).toBeNull();
    expect(await failure(client().download(`${base}/down`))).toMatchObject({ reason: 'status' });
  });
});
