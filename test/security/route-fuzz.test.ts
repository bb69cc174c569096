/**
 * Every GET and POST route, sent what a browser never sends but an attacker or a broken link
 * does: repeated and array parameters, oversized, malformed and non-UTF-8 values, in the path,
 * the query and the form body. Whatever comes in, the answer is never a 5xx. The routes are read
 * from Fastify itself, so a route added later is fuzzed without changing this test; real values
 * for path parameters (a zaak, a taak, a bericht) come from the links on the person's own pages.
 * The work grows with the routes (about 7,000 requests for the routes of December 2026, a minute
 * on this 2-core machine), hence the long timeout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpBrowser, loginOverHttp } from '../support/http-browser.ts';
import { startStack, type Stack } from '../support/stack.ts';

let stack: Stack;
let browser: HttpBrowser;
let cookie: string;
let csrfToken: string;

beforeAll(async () => {
  stack = await startStack();
  browser = await loginOverHttp(stack.url, { bsn: '999993653' });
  cookie = [...browser.cookies.get('127.0.0.1')!].map(([name, value]) => `${name}=${value}`).join('; ');
  const page = await browser.request(`${stack.url}/overzicht`);
  csrfToken = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
}, 60_000);
afterAll(() => stack?.close());

interface Route {
  path: string;
  methods: string[];
}

/** The routes as Fastify prints them (a tree; a child's segment continues its parent's path). */
function routesOf(printed: string): Route[] {
  const routes: Route[] = [];
  const stack: string[] = [];
  for (const line of printed.split('\n')) {
    const match = /^([│\s]*)(?:[├└]── )?(\S.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match || !line.includes('── ')) continue;
    const depth = (line.indexOf('── ') - 1) / 4;
    const segment = match[2]!;
    stack.length = depth;
    const parent = stack[depth - 1] ?? '';
    const path = parent === '/' && !segment.startsWith('/') ? `/${segment}` : `${parent}${segment}`;
    stack[depth] = path;
    if (match[3]) routes.push({ path, methods: match[3].split(',').map((m) => m.trim()) });
  }
  return routes;
}

/** Values no form of Voordeur sends. */
const payloads = [
  '',
  'a'.repeat(10_000),
  '%FF%FE',
  '%C3%28',
  '%E2%82',
  '%00',
  '%0D%0ALocation:%20https://evil.example',
  '%',
  '%%32%35',
  '..%2F..%2Fetc%2Fpasswd',
  '%5C%5Cevil.example',
  '//evil.example',
  '%F0%9F%98%80',
  '<script>alert(1)</script>',
  "'%20OR%201=1--",
  '-1',
  '99999999999999999999999',
  '1e400',
  'NaN',
  '__proto__',
];

/** Query parameter names any route reads, and a few no route does. */
const queryNames = [
  'terug',
  'zoek',
  'pagina',
  'toon',
  'lopend',
  'afgerond',
  'open',
  'reden',
  'document',
  'verstuurd',
  'betaling',
  'opgeslagen',
  'state',
  'code',
  'error',
  'x',
];

async function send(method: string, url: string, body?: string | Buffer, json?: unknown, raw?: string) {
  const isJson = json !== undefined || raw !== undefined;
  const payload = isJson ? (raw ?? JSON.stringify(json)) : body;
  const response = await stack.voordeur.app.inject({
    method: method as 'GET' | 'POST',
    url,
    headers: {
      cookie,
      ...(payload !== undefined ? { 'content-type': isJson ? 'application/json' : 'application/x-www-form-urlencoded' } : {}),
    },
    ...(payload !== undefined ? { body: payload } : {}),
  });
  return { url, method, status: response.statusCode, contentType: String(response.headers['content-type'] ?? ''), body: response.body.slice(0, 300) };
}

/** The names of the fields in the forms on the person's pages. */
const fieldNames = new Set(['overal', 'x']);

/** Same-site links on the person's pages: real values for path parameters. */
async function knownUrls(): Promise<string[]> {
  const seen = new Set<string>(['/overzicht']);
  const queue = ['/overzicht', '/zaken', '/taken', '/berichten', '/gegevens'];
  for (let i = 0; i < queue.length && i < 40; i++) {
    const page = await browser.request(`${stack.url}${queue[i]}`);
    for (const match of page.body.matchAll(/<(?:input|select|textarea)[^>]* name="([^"]+)"/g)) if (match[1] !== '_csrf') fieldNames.add(match[1]!);
    for (const match of page.body.matchAll(/href="(\/[^"#?]*)/g)) {
      const href = match[1]!;
      if (href.startsWith('/static/') || seen.has(href)) continue;
      seen.add(href);
      // The language switch is fuzzed, not followed (it would change the language of the pages after it).
      if (!href.startsWith('/taal/')) queue.push(href);
    }
  }
  return [...seen];
}

function matches(pattern: string, url: string): Record<string, string> | undefined {
  const names: string[] = [];
  const regex = new RegExp(
    `^${pattern
      .replace(/:(\w+)/g, (_m, name: string) => {
        names.push(name);
        return '([^/]+)';
      })
      .replace(/\*/g, '.*')}$`,
  );
  const found = regex.exec(url);
  return found ? Object.fromEntries(names.map((name, i) => [name, found[i + 1]!])) : undefined;
}

describe('every route, fuzzed', () => {
  it('never answers a malformed, repeated, oversized or non-UTF-8 parameter with a 5xx', { timeout: 300_000 }, async () => {
    const routes = routesOf(stack.voordeur.app.printRoutes({ commonPrefix: false })).filter(
      (route) => !route.path.startsWith('/static/') && !route.path.startsWith('/health/'),
    );
    expect(routes.map((route) => route.path)).toEqual(expect.arrayContaining(['/zaken/:systeem/:uuid', '/taken/:uuid', '/gegevens/voorkeuren', '/uitloggen']));
    const known = await knownUrls();
    const requests: { method: string; url: string; body?: string | Buffer; json?: unknown; raw?: string }[] = [];
    for (const route of routes) {
      const params = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      const real = known.find((url) => matches(route.path, url)) ?? (params.length === 0 ? route.path : undefined);
      const urls: string[] = [];
      // Each path parameter replaced by each payload, the others kept real when known.
      const base = matches(route.path, real ?? '') ?? {};
      for (const param of params) {
        for (const payload of payloads) {
          urls.push(route.path.replace(/:(\w+)/g, (_m, name: string) => (name === param ? payload || 'x' : (base[name] ?? 'x'))));
        }
      }
      // Downloads (a document's content) read no query: one repeated parameter is enough there.
      const isPage = real !== undefined && route.methods.includes('GET') ? (await send('GET', real)).contentType.startsWith('text/html') : true;
      if (real && !isPage) urls.push(`${real}?x=a&x=b`);
      if (real && isPage) {
        for (const name of queryNames) urls.push(`${real}?${name}=a&${name}=b`, `${real}?${name}[]=a&${name}[x]=b`, `${real}?${name}=%FF%FE&${name}=%0D%0A`);
        for (const payload of payloads.slice(1)) urls.push(`${real}?${queryNames.map((name) => `${name}=${payload}`).join('&')}`);
        urls.push(`${real}?${'&'.repeat(5000)}`);
      }
      for (const method of route.methods.filter((m) => m === 'GET' || m === 'POST')) {
        for (const url of urls) requests.push(method === 'GET' ? { method, url } : { method, url, body: `_csrf=${csrfToken}` });
        if (method === 'POST' && real) {
          const names = [...fieldNames];
          const bodies: (string | Buffer)[] = [
            ...names.map((name) => `_csrf=${csrfToken}&${name}=a&${name}=b`),
            ...names.map((name) => `_csrf=${csrfToken}&${name}[]=a&${name}[x]=b`),
            ...payloads.slice(1).map((payload) => `_csrf=${csrfToken}&${names.map((name) => `${name}=${payload}`).join('&')}`),
            Buffer.concat([Buffer.from(`_csrf=${csrfToken}&${names.join('=%FF&')}=`), Buffer.from([0xff, 0xfe, 0xc3, 0x28])]),
            `_csrf=${csrfToken}&_csrf=${csrfToken}`,
            `_csrf[]=${csrfToken}`,
          ];
          for (const body of bodies) requests.push({ method, url: real, body });
          // JSON where a form is expected: objects, arrays, numbers and null where strings are read.
          for (const value of [['a', 'b'], { a: 'b' }, 1, null, true, 'x'.repeat(10_000)]) {
            requests.push({ method, url: real, json: { _csrf: csrfToken, ...Object.fromEntries(names.map((name) => [name, value])) } });
          }
          requests.push({ method, url: real, json: [csrfToken] }, { method, url: real, json: { _csrf: [csrfToken] } }, { method, url: real, raw: '{"_csrf":' });
        }
      }
    }
    // Logging out would end the session the other requests use: those go last.
    const last = requests.filter((r) => r.url.startsWith('/uitloggen'));
    const failures: Awaited<ReturnType<typeof send>>[] = [];
    const run = async (list: typeof requests, parallel: number) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: parallel }, async () => {
          while (next < list.length) {
            const request = list[next++]!;
            const result = await send(request.method, request.url, request.body, request.json, request.raw);
            if (result.status >= 500) failures.push(result);
          }
        }),
      );
    };
    await run(
      requests.filter((r) => !last.includes(r)),
      8,
    );
    await run(last, 1);
    expect(requests.length).toBeGreaterThan(500);
    expect(failures, failures.map((f) => `${f.method} ${f.url.slice(0, 120)} → ${f.status} ${f.body}`).join('\n')).toEqual([]);
  });
});
