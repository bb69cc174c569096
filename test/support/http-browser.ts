/**
 * A minimal browser for HTTP-level tests: keeps cookies per host (as browsers do, ignoring the
 * port), follows redirects only when asked, and submits simple forms.
 */
export interface Hop {
  status: number;
  url: string;
  location?: string;
  body: string;
  setCookies: string[];
  headers: Headers;
}

export class HttpBrowser {
  readonly cookies = new Map<string, Map<string, string>>();

  private jar(url: string) {
    const host = new URL(url).hostname;
    let jar = this.cookies.get(host);
    if (!jar) this.cookies.set(host, (jar = new Map()));
    return jar;
  }

  cookie(url: string, name: string): string | undefined {
    return this.jar(url).get(name);
  }

  async request(
    url: string,
    init: { method?: string; form?: Record<string, string>; multipart?: FormData; headers?: Record<string, string> } = {},
  ): Promise<Hop> {
    const jar = this.jar(url);
    const headers: Record<string, string> = { ...init.headers };
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | FormData | undefined = init.multipart;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const response = await fetch(url, { method: init.method ?? (init.form || init.multipart ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...value] = pair!.split('=');
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a) || /^\s*max-age=0\b/i.test(a));
      if (expired || value.join('=') === '') jar.delete(name!.trim());
      else jar.set(name!.trim(), value.join('='));
    }
    const location = response.headers.get('location') ?? undefined;
    return {
      status: response.status,
      url,
      location: location ? new URL(location, url).href : undefined,
      body: await response.text(),
      setCookies,
      headers: response.headers,
    };
  }

  /** Follows redirects from `url` until a page that is not a redirect (or `stopAt` matches). */
  async follow(url: string, stopAt?: (url: string) => boolean): Promise<Hop> {
    let hop = await this.request(url);
    for (let i = 0; i < 20 && hop.location && !(stopAt?.(hop.location) ?? false); i++) hop = await this.request(hop.location);
    return hop;
  }
}

/** The action of the first form on the page whose button has this text. */
export function formAction(html: string, buttonText: string, pageUrl: string): string {
  const forms = html.split('<form').slice(1);
  const form = forms.find((f) => f.split('</form>')[0]!.includes(`>${buttonText}</button>`));
  const action = form && /action="([^"]+)"/.exec(form)?.[1];
  if (!action) throw new Error(`no form with a button "${buttonText}"`);
  return new URL(action.replace(/&amp;/g, '&'), pageUrl).href;
}

export function hiddenFields(html: string, action: string): Record<string, string> {
  const form = html.split('<form').find((f) => f.includes(`action="${new URL(action).pathname}`));
  const fields: Record<string, string> = {};
  for (const match of form?.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g) ?? []) fields[match[1]!] = match[2]!;
  return fields;
}

export type TestLogin = { bsn: string } | { gemachtigde: string; voor: string } | { kvk: string; vestiging?: string };

/**
 * Logs in through the DigiD/eHerkenning simulator at `issuer`'s Voordeur (`appUrl`), as a person,
 * a gemachtigde or a company; returns the browser, now on the overzicht. Someone who may act for
 * others is asked for whom first ("Voor wie regelt u dit?"): they go on for themselves. With
 * `notOverzicht`, the browser stops at the redirect to the overzicht without asking for it (whose
 * blocks would ask the sources, e.g. warm the catalogue).
 */
export async function loginOverHttp(appUrl: string, login: TestLogin, options: { notOverzicht?: boolean } = {}): Promise<HttpBrowser> {
  const browser = new HttpBrowser();
  const stopAt = options.notOverzicht ? (url: string) => new URL(url).pathname === '/overzicht' : undefined;
  let hop = await logIn(browser, appUrl, login, stopAt);
  if (new URL(hop.url).pathname === '/machtigingen') hop = await chooseForWhom(browser, hop, 'zelf', stopAt);
  const ended = new URL(stopAt ? (hop.location ?? hop.url) : hop.url).pathname;
  if (ended !== '/overzicht') throw new Error(`login ended on ${hop.url} (${hop.status})`);
  return browser;
}

/** On "Voor wie regelt u dit?": chooses `voor` (a BSN, or 'zelf') and follows to the page it leads to (up to `stopAt`). */
export async function chooseForWhom(browser: HttpBrowser, page: Hop, voor: string, stopAt?: (url: string) => boolean): Promise<Hop> {
  const action = formAction(page.body, 'Verder', page.url);
  let hop = await browser.request(action, { form: { ...hiddenFields(page.body, action), voor } });
  for (let i = 0; i < 20 && hop.location && !(stopAt?.(hop.location) ?? false); i++) hop = await browser.request(hop.location);
  return hop;
}

/** Logs in with this browser (e.g. again, after its session expired); returns the page it ends on (or the redirect to where `stopAt` says). */
export async function logIn(browser: HttpBrowser, appUrl: string, login: TestLogin, stopAt?: (url: string) => boolean): Promise<Hop> {
  const method = 'kvk' in login ? 'eherkenning' : 'digid';
  const page = await browser.follow(`${appUrl}/inloggen/${method}`);
  let action: string;
  let form: Record<string, string>;
  if ('bsn' in login) {
    action = formAction(page.body, 'Inloggen', page.url);
    form = { bsn: login.bsn };
  } else if ('gemachtigde' in login) {
    action = formAction(page.body, 'Inloggen als gemachtigde', page.url);
    form = { gemachtigde_bsn: login.gemachtigde, vertegenwoordigde_bsn: login.voor };
  } else {
    action = formAction(page.body, 'Inloggen', page.url);
    form = { kvk: login.kvk, ...(login.vestiging ? { vestiging: login.vestiging } : {}) };
  }
  let hop = await browser.request(action, { form });
  for (let i = 0; i < 20 && hop.location && !(stopAt?.(hop.location) ?? false); i++) hop = await browser.request(hop.location);
  return hop;
}

/** Logs a staff member of the simulator (simulators/data/test-identities.ts) in to the medewerkersportaal; returns the browser, now on /medewerkers. */
export async function staffLoginOverHttp(appUrl: string, medewerker: { id: string; naam: string }): Promise<HttpBrowser> {
  const browser = new HttpBrowser();
  const page = await browser.follow(`${appUrl}/medewerkers/inloggen`);
  let hop = await browser.request(formAction(page.body, `Inloggen als ${medewerker.naam}`, page.url), { form: { medewerker: medewerker.id } });
  for (let i = 0; i < 20 && hop.location; i++) hop = await browser.request(hop.location);
  if (!hop.url.endsWith('/medewerkers')) throw new Error(`staff login ended on ${hop.url} (${hop.status})`);
  return browser;
}

/**
 * Logs organisation staff of the simulator (simulators/data/test-leveranciers.ts) in to the
 * leveranciersportaal; returns the browser and the last hop (the portal, or the page that refused).
 */
export async function leverancierLoginOverHttp(appUrl: string, leverancier: { id: string; naam: string }): Promise<{ browser: HttpBrowser; hop: Hop }> {
  const browser = new HttpBrowser();
  const page = await browser.follow(`${appUrl}/leveranciers/inloggen`);
  let hop = await browser.request(formAction(page.body, `Inloggen als ${leverancier.naam}`, page.url), { form: { leverancier: leverancier.id } });
  for (let i = 0; i < 20 && hop.location; i++) hop = await browser.request(hop.location);
  return { browser, hop };
}
