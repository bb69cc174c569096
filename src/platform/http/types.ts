/** What the platform adds to every Fastify request, reply and route. */
import type { VNode } from 'preact';
import type { Lang, MessageKey, Translate } from '../i18n/index.ts';
import type { SessionRecord } from '../session/store.ts';

export interface PageOptions {
  /** The page title (without the portal's name, which the shell adds). */
  title: string;
  status?: number;
  /** Which navigation item is current. */
  nav?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang;
    t: Translate;
    cspNonce: string;
    /** The logged-in session, or null. Set for every page route. */
    session: SessionRecord | null;
    /** Numbers shown next to navigation items (e.g. unread berichten), by NavItem id; set by features. */
    navCounts: Record<string, number> | null;
  }
  interface FastifyReply {
    /** Renders `body` inside the page shell and sends it as HTML. */
    page(body: VNode<any>, options: PageOptions): FastifyReply;
  }
  interface FastifyContextConfig {
    /** Requires a logged-in session (otherwise the person is sent to log in). */
    auth?: boolean;
    /**
     * false for endpoints that authenticate otherwise (API keys, callbacks): no CSRF check.
     * 'in-handler' for streamed bodies (uploads): the handler calls assertCsrfToken itself.
     */
    csrf?: boolean | 'in-handler';
  }
}

export interface NavItem {
  id: string;
  href: string;
  label: MessageKey;
  /** Text for a count next to the label, e.g. "{n} ongelezen"; shown when the feature set one above 0. */
  countLabel?: MessageKey;
}
