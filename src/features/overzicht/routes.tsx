/**
 * The overzicht: the first page after logging in. Each feature adds its block here as it lands
 * (number of lopende zaken, open taken, unread berichten).
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import { identityName } from '../../platform/http/pages.ts';
import { Heading, Paragraph } from '../../platform/ui/components.tsx';

export function registerOverzicht(app: FastifyInstance, config: Config): void {
  app.get('/overzicht', { config: { auth: true } }, async (request, reply) => {
    const t = request.t;
    const identity = request.session!.identity;
    return reply.page(
      <>
        <Heading level={1}>{t('overzicht.welcome', { name: identityName(identity, t) })}</Heading>
        <Paragraph lead>{t('overzicht.intro', { organisation: config.theme.organisationName })}</Paragraph>
        <Paragraph>{t('overzicht.nothingYet')}</Paragraph>
      </>,
      { title: t('overzicht.title'), nav: 'overzicht' },
    );
  });
}
