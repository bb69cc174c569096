import type { FastifyInstance } from 'fastify';
import { isLang, LANG_COOKIE, translator, type Lang } from '../i18n/index.ts';

/** Sets request.lang and request.t: the chosen language (cookie), else the browser's first choice if English, else Dutch. */
export function registerLanguage(app: FastifyInstance): void {
  const translators = { nl: translator('nl'), en: translator('en') };
  app.decorateRequest('lang', 'nl');
  app.decorateRequest('t', translators.nl);
  app.addHook('onRequest', (request, _reply, done) => {
    const chosen = request.cookies[LANG_COOKIE];
    let lang: Lang = 'nl';
    if (isLang(chosen)) lang = chosen;
    else if (/^en\b/i.test(request.headers['accept-language'] ?? '')) lang = 'en';
    request.lang = lang;
    request.t = translators[lang];
    done();
  });
}
