/**
 * Help and the organisation's statements, public (no login): contact (channels and opening hours),
 * the privacy statement, the cookie statement (only functional cookies, named) and the
 * toegankelijkheidsverklaring in the shape of the Dutch register, all generated from
 * configuration. Its links are in the footer of every page, with the organisation's website.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { JSX } from 'preact';
import type { Feature, FooterLink } from '../../platform/http/feature.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { AccessibilityPage, ContactPage, type CookieFacts, CookiesPage, type HelpConfig, type HelpTexts, PrivacyPage } from './views.tsx';

export interface HelpDeps {
  organisationName: string;
  portalName: string;
  publicUrl: URL;
  help: HelpConfig;
  cookies: CookieFacts;
  /** Where a logged-in person asks a question ("Stel een vraag"), when Voordeur has it. */
  askHref?: string;
}

export const helpPaths = { contact: '/contact', privacy: '/privacy', cookies: '/cookies', accessibility: '/toegankelijkheid' } as const;

export function createHelp(deps: HelpDeps): Feature {
  const footerLinks: FooterLink[] = [
    { href: `tel:${deps.help.contact.phone.replace(/\s+/g, '')}`, label: 'footer.phone', params: { phone: deps.help.contact.phone } },
    { href: helpPaths.contact, label: 'footer.contact' },
    { href: helpPaths.privacy, label: 'footer.privacy' },
    { href: helpPaths.cookies, label: 'footer.cookies' },
    { href: helpPaths.accessibility, label: 'footer.accessibility' },
    ...(deps.help.websiteUrl ? [{ href: deps.help.websiteUrl, label: 'footer.website' as const, params: { organisation: deps.organisationName } }] : []),
  ];
  const texts = (request: FastifyRequest): HelpTexts => ({ t: request.t, lang: request.lang, organisation: deps.organisationName, portal: deps.portalName });
  const page = (path: string, title: MessageKey, render: (texts: HelpTexts) => JSX.Element) => ({
    path,
    handler: async (request: FastifyRequest, reply: FastifyReply) => reply.page(render(texts(request)), { title: request.t(title) }),
  });
  const pages = [
    page(helpPaths.contact, 'help.contact.title', (x) => <ContactPage {...x} help={deps.help} askHref={deps.askHref} />),
    page(helpPaths.privacy, 'help.privacy.title', (x) => <PrivacyPage {...x} help={deps.help} />),
    page(helpPaths.cookies, 'help.cookies.title', (x) => <CookiesPage {...x} cookies={deps.cookies} />),
    page(helpPaths.accessibility, 'help.accessibility.title', (x) => <AccessibilityPage {...x} help={deps.help} publicUrl={deps.publicUrl.href} />),
  ];
  return {
    id: 'help',
    footerLinks,
    plugin: async (app) => {
      for (const { path, handler } of pages) app.get(path, handler);
    },
  };
}
