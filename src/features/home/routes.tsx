/** The public start page and the language switch. */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import { safeReturnPath } from '../../platform/auth/routes.tsx';
import { isLang, LANG_COOKIE } from '../../platform/i18n/index.ts';
import { ButtonLink, Heading, Paragraph } from '../../platform/ui/components.tsx';

export function registerHome(app: FastifyInstance, config: Config): void {
  app.get<{ Querystring: { terug?: string } }>('/', async (request, reply) => {
    if (request.session) return reply.redirect('/overzicht', 303);
    const t = request.t;
    const back = safeReturnPath(request.query.terug);
    const login = (method: string) => `/inloggen/${method}${back ? `?terug=${encodeURIComponent(back)}` : ''}`;
    const title = t('home.title', { portal: config.theme.portalName });
    return reply.page(
      <>
        <Heading level={1}>{title}</Heading>
        <Paragraph lead>{t('home.intro', { organisation: config.theme.organisationName })}</Paragraph>
        <Paragraph>{t('home.how')}</Paragraph>
        <div class="voordeur-login-options">
          <section class="voordeur-login-option" aria-labelledby="login-digid">
            <Heading level={2} id="login-digid">DigiD</Heading>
            <Paragraph>{t('home.digid.help')}</Paragraph>
            <ButtonLink href={login('digid')}>{t('home.digid')}</ButtonLink>
          </section>
          <section class="voordeur-login-option" aria-labelledby="login-eherkenning">
            <Heading level={2} id="login-eherkenning">eHerkenning</Heading>
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
    reply.setCookie(LANG_COOKIE, lang, { path: '/', sameSite: 'lax', httpOnly: true, secure: config.session.secureCookies, maxAge: 365 * 24 * 3600 });
    return reply.redirect(safeReturnPath(request.query.terug) ?? '/', 303);
  });
}
