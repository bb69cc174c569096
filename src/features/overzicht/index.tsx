/**
 * The overzicht: the first page after logging in, with a block of each feature that has one
 * (number of lopende zaken, open taken, unread berichten). The blocks are asked for in parallel,
 * each within its deadline; a block that fails or is late says so without taking the page with it.
 */
import type { FastifyRequest } from 'fastify';
import type { JSX } from 'preact';
import type { Feature } from '../../platform/http/feature.ts';
import { identityName } from '../../platform/http/pages.ts';
import { Heading, Paragraph } from '../../platform/ui/components.tsx';

export interface OverzichtDeps {
  organisationName: string;
  /** The blocks of the features, in the order of the navigation. */
  overviewBlocks: (request: FastifyRequest) => Promise<JSX.Element[]>;
}

export function createOverzicht(deps: OverzichtDeps): Feature {
  return {
    id: 'overzicht',
    nav: { id: 'overzicht', href: '/overzicht', label: 'nav.overzicht' },
    async plugin(app) {
      app.get('/overzicht', { config: { auth: true } }, async (request, reply) => {
        const t = request.t;
        const blocks = await deps.overviewBlocks(request);
        return reply.page(
          <>
            <Heading level={1}>{t('overzicht.welcome', { name: identityName(request.session!.identity, t) })}</Heading>
            <Paragraph lead>{t('overzicht.intro', { organisation: deps.organisationName })}</Paragraph>
            {blocks.length === 0 ? <Paragraph>{t('overzicht.nothingYet')}</Paragraph> : blocks}
          </>,
          { title: t('overzicht.title') },
        );
      });
    },
  };
}
