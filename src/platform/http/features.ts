/**
 * Puts the features together: registers each one's routes in a context of its own, starts and
 * stops its background work with the application, and reads what features offer to other pages
 * (navigation, counts, overzicht blocks, zaak sections) concurrently, each with its own deadline.
 * A feature that fails or is late costs only its own part: its count is left out, its block says
 * it cannot be shown now, its zaak section is left out.
 */
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { h, type JSX } from 'preact';
import { type Availability, available, unavailable } from '../../domain/availability.ts';
import type { ZaakRef } from '../../domain/zaak.ts';
import type { Translate } from '../i18n/index.ts';
import { Heading } from '../ui/components.tsx';
import { Unavailable } from '../ui/sections.tsx';
import type { DossierView, Feature, FeatureParts, OverviewCard, ZaakChoice } from './feature.ts';
import type { NavItem } from './types.ts';

/** `late` when the deadline passed first; `failed` when the call threw. */
type Outcome<T> = { ok: true; value: T } | { ok: false; why: 'late' | 'failed' };

/** `work` within `ms`; a failure or a late answer is logged (with the feature and what it was asked) and reported, not thrown. */
async function withDeadline<T>(work: () => Promise<T>, ms: number, log: FastifyBaseLogger, what: { feature: string; part: string }): Promise<Outcome<T>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Outcome<T>>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, why: 'late' }), ms);
  });
  const done = work().then(
    (value): Outcome<T> => ({ ok: true, value }),
    (error: unknown): Outcome<T> => {
      log.error({ err: error, ...what }, 'feature part failed');
      return { ok: false, why: 'failed' };
    },
  );
  const outcome = await Promise.race([done, late]);
  clearTimeout(timer);
  if (!outcome.ok && outcome.why === 'late') log.warn({ ...what, deadlineMs: ms }, 'feature part too late, left out');
  return outcome;
}

/** What the features offer to the pages of others, each part asked for within `deadlineMs`. */
export function featureParts(features: readonly Feature[], deadlineMs: number): FeatureParts {
  const withCount = features.filter((f) => f.navCount);
  const withBlock = features.filter((f) => f.overviewBlock);
  const withSection = features.filter((f) => f.zaakSection);
  const withDossier = features.filter((f) => f.dossierSection);
  const withChoices = features.filter((f) => f.zaakChoices);
  const withProducts = features.filter((f) => f.ownProduct);
  const withRenewals = features.filter((f) => f.renewals);
  return {
    nav: features.flatMap((f) => (f.nav ? [f.nav] : [])),
    footerLinks: features.flatMap((f) => f.footerLinks ?? []),

    async navCounts(request) {
      const counts = await Promise.all(
        withCount.map((f) => withDeadline(() => f.navCount!(request), deadlineMs, request.log, { feature: f.id, part: 'navCount' })),
      );
      const result: Record<string, number> = {};
      counts.forEach((count, i) => {
        if (count.ok && count.value !== undefined) result[withCount[i]!.id] = count.value;
      });
      return result;
    },

    async overviewBlocks(request) {
      const blocks = await Promise.all(
        withBlock.map((f) => withDeadline(() => f.overviewBlock!(request), deadlineMs, request.log, { feature: f.id, part: 'overviewBlock' })),
      );
      return blocks.flatMap((block, i) => {
        const feature = withBlock[i]!;
        if (block.ok) return block.value ? [{ feature: feature.id, card: block.value }] : [];
        return feature.nav ? [{ feature: feature.id, card: unavailableCard(request.t, feature.nav) }] : [];
      });
    },

    async zaakSections(request, zaak: ZaakRef) {
      const sections = await Promise.all(
        withSection.map((f) => withDeadline(() => f.zaakSection!(request, zaak), deadlineMs, request.log, { feature: f.id, part: 'zaakSection' })),
      );
      return sections.flatMap((section) => (section.ok && section.value ? [section.value] : []));
    },

    async zaakChoices(request): Promise<Availability<ZaakChoice[]>> {
      const answers = await Promise.all(
        withChoices.map((f) => withDeadline(() => f.zaakChoices!(request), deadlineMs, request.log, { feature: f.id, part: 'zaakChoices' })),
      );
      const failed = answers.flatMap((answer, i) => (!answer.ok ? [withChoices[i]!.id] : answer.value.unavailable ? answer.value.sources : []));
      if (failed.length > 0) return unavailable(failed);
      const values = answers.flatMap((answer) => (answer.ok && !answer.value.unavailable ? [answer.value] : []));
      return available(
        values.flatMap((value) => value.value),
        values.flatMap((value) => value.missing ?? []),
      );
    },

    async ownProduct(request, id) {
      for (const feature of withProducts) {
        const found = await feature.ownProduct!(request, id);
        if (found) return found;
      }
      return null;
    },

    async renewals(request, products) {
      if (products.length === 0) return {};
      const answers = await Promise.all(
        withRenewals.map((f) => withDeadline(() => f.renewals!(request, products), deadlineMs, request.log, { feature: f.id, part: 'renewals' })),
      );
      return Object.assign({}, ...answers.flatMap((answer) => (answer.ok ? [answer.value] : [])).reverse());
    },

    async dossierSections(view: DossierView) {
      const { log } = view.caller;
      const sections = await Promise.all(
        withDossier.map((f) => withDeadline(() => f.dossierSection!(view), deadlineMs, log, { feature: f.id, part: 'dossierSection' })),
      );
      // A part that failed says so: the staff member must not think the person has nothing there.
      return sections.flatMap((section, i) => {
        if (section.ok) return section.value ? [section.value] : [];
        return [unavailableSection(view.t, withDossier[i]!, 'dossier')];
      });
    },

    dossierAction(feature, name) {
      const actions = features.find((f) => f.id === feature)?.dossierActions;
      return actions && Object.hasOwn(actions, name) ? actions[name] : undefined;
    },

    async dossierPage(feature, view, path) {
      const found = features.find((f) => f.id === feature);
      return found?.dossierPage ? found.dossierPage(view, path) : null;
    },
  };
}

/** The overzicht card of a feature that could not make its own in time: it says so, and leads to the area's page. */
function unavailableCard(t: Translate, nav: NavItem): OverviewCard {
  const title = t(nav.label);
  return {
    title,
    count: 0,
    countLabel: '',
    empty: t('error.unavailable'),
    action: { href: nav.href, label: t('overzicht.card.open', { area: title }) },
    priority: 'none',
    hasAny: true,
    unavailable: true,
  };
}

/** The block in a staff member's view of a dossier of a feature that could not make its own in time. */
function unavailableSection(t: Translate, feature: Feature, page: 'dossier'): JSX.Element {
  const id = `${page}-${feature.id}-title`;
  return h(
    'section',
    { class: 'voordeur-overview-block', 'aria-labelledby': id },
    feature.nav && h(Heading, { level: 2, id }, t(feature.nav.label)),
    h(Unavailable, { t }),
  );
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The feature whose route this is (for the navigation's current item and its pages' way back); null outside features. */
    feature: Feature | null;
  }
}

/**
 * Registers each feature's routes in a context of its own, and runs its background work from
 * when the application is ready until it closes.
 */
export async function registerFeatures(app: FastifyInstance, features: readonly Feature[]): Promise<void> {
  const ids = new Set<string>();
  for (const feature of features) {
    if (ids.has(feature.id)) throw new Error(`Two features are called ${feature.id}`);
    ids.add(feature.id);
  }
  app.decorateRequest('feature', null);
  for (const feature of features) {
    const plugin = feature.plugin;
    if (plugin) {
      await app.register(async (scope) => {
        scope.addHook('onRequest', async (request) => {
          request.feature = feature;
        });
        await scope.register(plugin);
      });
    }
    const start = feature.start;
    if (start) {
      let stop: (() => Promise<void>) | undefined;
      app.addHook('onReady', async () => {
        stop = start();
      });
      app.addHook('onClose', async () => stop?.());
    }
  }
}
