/** The public start page (the ways to log in) and the language switch; no navigation item. */
import type { Feature } from '../../platform/http/feature.ts';
import { safeReturnPath } from '../../platform/auth/return-path.ts';
import { isLang, LANG_COOKIE } from '../../platform/i18n/index.ts';
import { ButtonLink, Heading, Paragraph } from '../../platform/ui/components.tsx';

export interface HomeDeps {
  portalName: string;
  organisationName: string;
  secureCookies: boolean;
}

export function createHome(deps: HomeDeps): Feature {
  return {
    id: 'home',
    plugin: async (app) => {
      app.get<{ Querystring: { terug?: string } }>('/', async (request, reply) => {
        if (request.session) return reply.redirect('/overzicht', 303);
        const t = request.t;
        const back = safeReturnPath(request.query.terug);
        const login = (method: string) => `/inloggen/${method}${back ? `?terug=${encodeURIComponent(back)}` : ''}`;
        const title = t('home.title', { portal: deps.portalName });
        return reply.page(
          <>
            <Heading level={1}>{title}</Heading>
            <Paragraph lead>{t('home.intro', { organisation: deps.organisationName })}</Paragraph>
            <Paragraph>{t('home.how')}</Paragraph>
            <div class="voordeur-login-options">
              <section class="voordeur-login-option" aria-labelledby="login-digid">
                <Heading level={2} id="login-digid">
                  DigiD
                </Heading>
                <Paragraph>{t('home.digid.help')}</Paragraph>
                <ButtonLink href={login('digid')}>{t('home.digid')}</ButtonLink>
              </section>
              <section class="voordeur-login-option" aria-labelledby="login-eherkenning">
                <Heading level={2} id="login-eherkenning">
                  eHerkenning
                </Heading>
                <Paragraph>{t('home.eherkenning.help')}</Paragraph>
                <ButtonLink href={login('eherkenning')}>{t('home.eherkenning')}</ButtonLink>
              </section>
            </div>
          </>,
          { title },
        );
      });

      app.get<{ Params: { lang: string }; Querystring: { terug?: string } }>('/taal/:lang', async (request, reply) => {
        const lang = request.params.lang;
        if (!isLang(lang)) return reply.callNotFound();
        reply.setCookie(LANG_COOKIE, lang, { path: '/', sameSite: 'lax', httpOnly: true, secure: deps.secureCookies, maxAge: 365 * 24 * 3600 });
        return reply.redirect(safeReturnPath(request.query.terug) ?? '/', 303);
      });
    },
  };
}
