import Fastify, { type FastifyRequest } from 'fastify';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/index.ts';
import type { Feature, OverviewCard } from './feature.ts';
import { featureParts, registerFeatures } from './features.ts';
import { listHref, paginate } from './paging.ts';

/** A request as the parts see it, with what was logged. */
function fakeRequest() {
  const logged: { level: string; obj: Record<string, unknown>; msg: string }[] = [];
  const log = Object.fromEntries(
    ['error', 'warn', 'info', 'debug'].map((level) => [level, (obj: Record<string, unknown>, msg: string) => logged.push({ level, obj, msg })]),
  );
  return { request: { t: translator('nl'), lang: 'nl', log } as unknown as FastifyRequest, logged };
}

const never = () => new Promise<never>(() => undefined);
const block = (text: string) => h('section', null, text);

describe('what features offer to the pages of others', () => {
  it('keeps the cards that came in time, in the order of the list, and says which one could not be shown', async () => {
    const zakenCard: OverviewCard = {
      title: 'Mijn zaken',
      count: 2,
      countLabel: 'lopende zaken',
      empty: '',
      action: { href: '/zaken', label: 'Bekijk al uw zaken' },
      priority: 'attention',
      hasAny: true,
    };
    const features: Feature[] = [
      { id: 'zaken', nav: { id: 'zaken', href: '/zaken', label: 'nav.zaken' }, overviewBlock: async () => zakenCard },
      { id: 'taken', nav: { id: 'taken', href: '/taken', label: 'nav.taken' }, overviewBlock: never },
      { id: 'berichten', nav: { id: 'berichten', href: '/berichten', label: 'nav.berichten' }, overviewBlock: async () => Promise.reject(new Error('boom')) },
      { id: 'gegevens', nav: { id: 'gegevens', href: '/gegevens', label: 'nav.gegevens' }, overviewBlock: async () => null },
    ];
    const { request, logged } = fakeRequest();
    const started = Date.now();
    const cards = await featureParts(features, 100).overviewBlocks(request);
    expect(Date.now() - started).toBeLessThan(1000);
    // The late one and the failing one each have their own card with their name, saying so and leading to their page.
    expect(cards.map((c) => c.feature)).toEqual(['zaken', 'taken', 'berichten']);
    expect(cards[0]!.card).toEqual(zakenCard);
    for (const [i, title, href] of [
      [1, 'Mijn taken', '/taken'],
      [2, 'Mijn berichten', '/berichten'],
    ] as const) {
      expect(cards[i]!.card).toMatchObject({ title, unavailable: true, priority: 'none', action: { href } });
      expect(cards[i]!.card.empty).toContain('Dit onderdeel is nu niet beschikbaar');
    }
    expect(logged.map((l) => [l.level, l.obj.feature, l.msg])).toEqual(
      expect.arrayContaining([
        ['warn', 'taken', 'feature part too late, left out'],
        ['error', 'berichten', 'feature part failed'],
      ]),
    );
  });

  it('leaves out a count that fails or is late, and keeps the others', async () => {
    const features: Feature[] = [
      { id: 'berichten', navCount: async () => 3 },
      { id: 'taken', navCount: never },
      { id: 'zaken', navCount: async () => Promise.reject(new Error('boom')) },
      { id: 'gegevens', navCount: async () => undefined },
    ];
    const { request } = fakeRequest();
    expect(await featureParts(features, 50).navCounts(request)).toEqual({ berichten: 3 });
  });

  it('gives a zaak the sections of the features that have one, with the zaak they are for', async () => {
    const asked: unknown[] = [];
    const features: Feature[] = [
      {
        id: 'taken',
        zaakSection: async (_, zaak) => {
          asked.push(zaak);
          return block('taken-section');
        },
      },
      { id: 'berichten', zaakSection: async () => null },
      { id: 'late', zaakSection: never },
    ];
    const { request } = fakeRequest();
    const sections = await featureParts(features, 50).zaakSections(request, { systeem: 'openzaak', uuid: 'u-1' });
    expect(sections.map((s) => renderToString(s))).toEqual(['<section>taken-section</section>']);
    expect(asked).toEqual([{ systeem: 'openzaak', uuid: 'u-1' }]);
  });

  it('registers each feature in a context of its own: a hook of one does not reach the routes of another', async () => {
    const app = Fastify();
    const seen: string[] = [];
    await registerFeatures(app, [
      {
        id: 'one',
        async plugin(scope) {
          scope.addHook('onRequest', async () => void seen.push('hook of one'));
          scope.get('/one', async (request) => request.feature?.id);
        },
      },
      { id: 'two', plugin: async (scope) => void scope.get('/two', async (request) => request.feature?.id) },
    ]);
    expect((await app.inject('/two')).body).toBe('two');
    expect(seen).toEqual([]);
    expect((await app.inject('/one')).body).toBe('one');
    expect(seen).toEqual(['hook of one']);
    await app.close();
  });

  it('refuses two features with one id, and starts and stops background work with the application', async () => {
    await expect(registerFeatures(Fastify(), [{ id: 'a' }, { id: 'a' }])).rejects.toThrow('Two features are called a');
    const app = Fastify();
    const events: string[] = [];
    const start = () => {
      events.push('started');
      return async () => void events.push('stopped');
    };
    await registerFeatures(app, [{ id: 'worker', start }]);
    expect(events).toEqual([]);
    await app.ready();
    expect(events).toEqual(['started']);
    await app.close();
    expect(events).toEqual(['started', 'stopped']);
  });
});

describe('paging', () => {
  it('gives the asked page, the last one when more is asked, and links without empty or first-page parameters', () => {
    const items = Array.from({ length: 23 }, (_, i) => i + 1);
    const href = (page: number) => listHref('/zaken', { zoek: '', lopend: page, afgerond: 1 }, 'lopend-title');
    expect(paginate(items, 2, 10, href)).toMatchObject({ items: [11, 12, 13, 14, 15, 16, 17, 18, 19, 20], total: 23, page: 2, pages: 3 });
    expect(paginate(items, 9, 10, href)).toMatchObject({ items: [21, 22, 23], page: 3 });
    expect(paginate([], 1, 10, href)).toMatchObject({ items: [], total: 0, page: 1, pages: 1 });
    expect(href(1)).toBe('/zaken#lopend-title');
    expect(href(3)).toBe('/zaken?lopend=3#lopend-title');
    expect(listHref('/berichten', { zoek: 'a&b', toon: 'ongelezen', pagina: 2 })).toBe('/berichten?zoek=a%26b&toon=ongelezen&pagina=2');
  });
});
