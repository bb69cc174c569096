/**
 * The overzicht: the first page after logging in. Each feature adds its block (number of
 * lopende zaken, open taken, unread berichten); the blocks are fetched in parallel, and a block
 * that fails says so without taking the page with it.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { Config } from '../../config.ts';
import { identityName } from '../../platform/http/pages.ts';
import { Heading, Paragraph } from '../../platform/ui/components.tsx';

/** Renders one feature's block for the logged-in person. */
export type OverviewBlock = (request: FastifyRequest) => Promise<VNode>;

export function registerOverzicht(app: FastifyInstance, config: Config, blocks: readonly OverviewBlock[]): void {
  app.get('/overzicht', { config: { auth: true } }, async (request, reply) => {
    const t = request.t;
    const identity = request.session!.identity;
    const rendered = await Promise.all(blocks.map((block) => block(request)));
    return reply.page(
      <>
        <Heading level={1}>{t('overzicht.welcome', { name: identityName(identity, t) })}</Heading>
        <Paragraph lead>{t('overzicht.intro', { organisation: config.theme.organisationName })}</Paragraph>
        {rendered.length === 0 ? <Paragraph>{t('overzicht.nothingYet')}</Paragraph> : rendered}
      </>,
      { title: t('overzicht.title'), nav: 'overzicht' },
    );
  });
}
