import { afterEach, describe, expect, it, vi } from 'vitest';
import { SourceUnavailableError } from '../../domain/availability.ts';
import type { Product, ProductStore } from '../../domain/product.ts';
import type { Change } from '../../sources/voordeur/notification-messages.ts';
import { expiryChangeKey, recordExpiringProducts, startExpiryNotices } from './notices.ts';

const product = (id: string, eindDatum: string, eigenaren: Product['eigenaren']): Product => ({
  id,
  source: 'test',
  naam: id,
  producttype: { id: 't', naam: 'T' },
  status: 'actief',
  eindDatum,
  eigenaren,
  zaken: [],
  taken: [],
  documenten: [],
  verbruik: [],
  gegevens: [],
});

function storeWith(products: Product[], asked: [string, string][]): ProductStore {
  return {
    sources: ['test'],
    list: async () => ({ items: [], cutOff: false }),
    get: async () => null,
    endingBetween: async (from, to) => {
      asked.push([from, to]);
      return { items: products, cutOff: false };
    },
  };
}

const log = { warn: () => {}, info: () => {} };
// 10:00 in Amsterdam on 5 December 2026.
const now = () => new Date('2026-12-05T09:00:00Z');

describe('telling people once that a product is about to end', () => {
  it('looks at the first week of the period, and tells each eigenaar (a person, a company) with the product and its last day as the key', async () => {
    const asked: [string, string][] = [];
    const told: Change[] = [];
    const store = storeWith(
      [product('p1', '2027-01-14', [{ bsn: '999993653' }, { bsn: '999993653' }, { kvkNummer: '69599084', vestigingsnummer: '000038509504' }])],
      asked,
    );
    const count = await recordExpiringProducts({ store, expiryNoticeDays: 42, tell: async (changes) => void told.push(...changes), log, now });
    expect(asked).toEqual([['2027-01-10', '2027-01-16']]);
    expect(count).toBe(2);
    expect(told).toEqual([
      { subject: { type: 'persoon', bsn: '999993653' }, topic: 'product', key: expiryChangeKey('p1', '2027-01-14') },
      { subject: { type: 'bedrijf', kvkNummer: '69599084' }, topic: 'product', key: 'product-verloopt:p1:2027-01-14' },
    ]);
  });

  it('with a period shorter than a week, looks from today; tells nobody when nothing ends then', async () => {
    const asked: [string, string][] = [];
    let called = false;
    const count = await recordExpiringProducts({
      store: storeWith([], asked),
      expiryNoticeDays: 3,
      tell: async () => {
        called = true;
      },
      log,
      now,
    });
    expect(asked).toEqual([['2026-12-05', '2026-12-08']]);
    expect(count).toBe(0);
    expect(called).toBe(false);
  });
});

/** A store that notes when (ms after it was made, on the fake clock) it is asked; `answer` throws for a failed look. */
function timedStore(answer: () => void) {
  const start = Date.now();
  const lookedAt: number[] = [];
  const store: ProductStore = {
    sources: ['test'],
    list: async () => ({ items: [], cutOff: false }),
    get: async () => null,
    endingBetween: async () => {
      lookedAt.push(Date.now() - start);
      answer();
      return { items: [], cutOff: false };
    },
  };
  return { store, lookedAt };
}

describe('looking again and again', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('after a failed look tries again after 5, 10, 20 s (not a whole interval later), logs one line without a stack, and after a good look waits the interval', async () => {
    vi.useFakeTimers();
    const warnings: Record<string, unknown>[] = [];
    let failing = 3;
    const { store, lookedAt } = timedStore(() => {
      if (failing > 0) {
        failing -= 1;
        throw new SourceUnavailableError('openproduct', 'network', 'connect ECONNREFUSED 127.0.0.1:3001');
      }
    });
    const stop = startExpiryNotices({
      store,
      expiryNoticeDays: 42,
      tell: async () => {},
      log: { warn: (fields: Record<string, unknown>) => void warnings.push(fields), info: () => {} },
      intervalMs: 3_600_000,
      now,
    });
    await vi.advanceTimersByTimeAsync(3_600_000 + 36_000);
    expect(lookedAt).toEqual([1_000, 6_000, 16_000, 36_000, 3_636_000]);
    expect(warnings.map((fields) => fields.retryInSeconds)).toEqual([5, 10, 20]);
    expect(warnings[0]).toEqual({ source: 'openproduct', reason: 'openproduct: network (connect ECONNREFUSED 127.0.0.1:3001)', retryInSeconds: 5 });
    await stop();
    await vi.advanceTimersByTimeAsync(7_200_000);
    expect(lookedAt).toHaveLength(5);
  });

  it('never waits longer than the interval after failures', async () => {
    vi.useFakeTimers();
    const { store, lookedAt } = timedStore(() => {
      throw new Error('kapot');
    });
    const stop = startExpiryNotices({ store, expiryNoticeDays: 42, tell: async () => {}, log, intervalMs: 12_000, now });
    await vi.advanceTimersByTimeAsync(1_000 + 5_000 + 10_000 + 12_000 + 12_000);
    expect(lookedAt).toEqual([1_000, 6_000, 16_000, 28_000, 40_000]);
    await stop();
  });
});
