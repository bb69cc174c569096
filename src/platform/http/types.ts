/** What the platform adds to every Fastify request, reply and route. */
import type { JSX } from 'preact';
import type { Availability } from '../../domain/availability.ts';
import type { Handeling, Identity } from '../../domain/identity.ts';
import type { FastifyBaseLogger } from 'fastify';
import type { Lang, MessageKey, Translate } from '../i18n/index.ts';
import type { SessionRecord } from '../session/store.ts';

export interface PageOptions {
  /** The page title (without the portal's name, which the shell adds). */
  title: string;
  status?: number;
  /** Which navigation item is current (default: the feature whose route it is). */
  nav?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang;
    t: Translate;
    cspNonce: string;
    /** The logged-in session, or null. Set for every page route. */
    session: SessionRecord | null;
    /** On a form sent after its session expired: that session (its answers are kept, see kept-forms.ts). */
    expiredSession: SessionRecord | null;
    /** Whether whoever is logged in may do this (a gemachtigde only what the organisation allows). */
    mayAct(handeling: Handeling): boolean;
    /**
     * Set by a part of the site with its own login (the medewerkersportaal) for its pages: its name,
     * start page and who is logged in there. Its pages then show no resident's session or navigation.
     */
    portalPage: { name: string; home: string; user?: ShellUser } | null;
    /** The navigation's counts, asked as the request began beside what its route asks (pages.ts), and the drops at that moment. */
    earlyNavCounts: { drops: number; counts: Promise<Record<string, number>> } | null;
  }
  interface FastifyReply {
    /** Renders `body` inside the page shell and sends it as HTML. */
    page(body: JSX.Element, options: PageOptions): Promise<FastifyReply>;
    /** The page of source-backed data: `render(value)`, or the page (with its title) that says it cannot be shown now. */
    availablePage<T>(result: Availability<T>, options: PageOptions, render: (value: T, missing: readonly string[]) => JSX.Element): Promise<FastifyReply>;
  }
  interface FastifyContextConfig {
    /** Requires a logged-in session (otherwise the person is sent to log in). */
    auth?: boolean;
    /**
     * false for endpoints that authenticate otherwise (API keys, callbacks): no CSRF check.
     * 'in-handler' for streamed bodies (uploads): the handler calls assertCsrfToken itself.
     */
    csrf?: boolean | 'in-handler';
    /** What the page says when a source fails during this route (default: that this part is not available now). */
    unavailable?: MessageKey;
    /** What this route changes for the person; a gemachtigde not allowed to do it gets a 403 page. */
    handeling?: Handeling;
  }
}

export interface NavItem {
  id: string;
  href: string;
  label: MessageKey;
  /** Text for a count next to the label, e.g. "{n} ongelezen"; shown when the feature set one above 0. */
  countLabel?: MessageKey;
}

/** Who is logged in, as the page shell shows it. */
export interface ShellUser {
  /** How the page names the person or company whose affairs are shown. */
  name: string;
  /** Who logged in, when acting for someone else. */
  actorName?: string;
  /** Where to choose for whom one acts, for someone who may act for others ("Voor wie regelt u dit?"). */
  switchHref?: string;
  csrfToken: string;
  /** Seconds until the session ends without activity, and how long before that to warn. */
  secondsLeft: number;
  warningSeconds: number;
  /** Where logging out and keeping the session alive are posted (default /uitloggen and /sessie/verlengen; the medewerkersportaal has its own). */
  logoutAction?: string;
  extendAction?: string;
  /** Where the browser goes when the session has ended (default /uitgelogd?reden=verlopen). */
  endedPath?: string;
}

/** Who is asking, as a feature's service needs it: whose data, for the processing log and the log. */
export interface Caller {
  /** From the session, never from the URL or the form. */
  identity: Identity;
  /** Ties the processing log's entries to the request's log lines. */
  requestId: string;
  log: FastifyBaseLogger;
}
