/**
 * The overzicht: the first page after logging in, a dashboard with a card of each feature that has
 * one (zaken, taken, berichten, producten): the number that needs attention, the most urgent item
 * and one action, the cards that ask for action first (a taak past its deadline, a bericht that
 * asks something). The cards are asked for in parallel, each within its deadline; a card that
 * fails or is late says so without taking the page with it. Someone with nothing anywhere yet is
 * shown what they can do: apply for something (when Voordeur has Aanvragen) or ask a question.
 * It greets the person who logged in, also when they act for someone else.
 */
import type { FastifyRequest } from 'fastify';
import type { Feature, OverviewCard } from '../../platform/http/feature.ts';
import { actorName, identityName } from '../../platform/http/pages.ts';
import type { NavItem } from '../../platform/http/types.ts';
import { Heading, Paragraph } from '../../platform/ui/components.tsx';
import { byPriority, Card, EmptyOverview } from './views.tsx';

export interface OverzichtDeps {
  organisationName: string;
  /** The cards of the features, in the order of the navigation. */
  overviewBlocks: (request: FastifyRequest) => Promise<{ feature: string; card: OverviewCard }[]>;
  /** The navigation: Aanvragen is offered to someone with nothing yet when it is there. */
  nav: () => readonly NavItem[];
  /** Where a person can ask a question (the contact page), if there is one. */
  contactHref: () => string | undefined;
}

export function createOverzicht(deps: OverzichtDeps): Feature {
  return {
    id: 'overzicht',
    nav: { id: 'overzicht', href: '/overzicht', label: 'nav.overzicht' },
    async plugin(app) {
      app.get('/overzicht', { config: { auth: true } }, async (request, reply) => {
        const t = request.t;
        const { identity } = request.session!;
        const cards = await deps.overviewBlocks(request);
        const nothingAnywhere = cards.every(({ card }) => !card.hasAny);
        const aanvragen = deps.nav().find((item) => item.id === 'aanvragen');
        // The greeting is for whoever logged in; the intro says for whom they act.
        const greeted = actorName(identity, t) ?? identityName(identity, t);
        return reply.page(
          <>
            <Heading level={1}>{t('overzicht.welcome', { name: greeted })}</Heading>
            <Paragraph lead>
              {identity.actor
                ? t('overzicht.introFor', { organisation: deps.organisationName, name: identityName(identity, t) })
                : t('overzicht.intro', { organisation: deps.organisationName })}
            </Paragraph>
            {nothingAnywhere ? (
              <EmptyOverview t={t} organisationName={deps.organisationName} aanvragenHref={aanvragen?.href} contactHref={deps.contactHref()} />
            ) : (
              <div class="voordeur-cards">
                {byPriority(cards).map(({ feature, card }) => (
                  <Card lang={request.lang} feature={feature} card={card} />
                ))}
              </div>
            )}
          </>,
          { title: t('overzicht.title') },
        );
      });
    },
  };
}
