import { describe, expect, it } from 'vitest';
import { countingRoundTrips, depthOf, roundTripStarted, setRoundTripCounting, uncounted } from './round-trips.ts';

const call = (start: number, end: number) => ({ start, end });

describe('the depth of the round trips a request waited for', () => {
  it('counts calls side by side once and calls one after another each', () => {
    expect(depthOf([])).toBe(0);
    expect(depthOf([call(0, 50), call(1, 51), call(2, 49)])).toBe(1);
    expect(depthOf([call(0, 50), call(51, 100), call(101, 150)])).toBe(3);
    // Two after one another beside one long call: the longest chain.
    expect(depthOf([call(0, 120), call(1, 50), call(55, 100)])).toBe(2);
    // A call that starts while another is still on its way is not after it.
    expect(depthOf([call(0, 50), call(40, 90)])).toBe(1);
  });

  it('notes the calls of the request it runs in, not those outside it or in the background', async () => {
    const { calls, result } = countingRoundTrips(async () => {
      roundTripStarted()?.();
      await Promise.resolve();
      roundTripStarted()?.();
      uncounted(() => roundTripStarted()?.());
    });
    await result;
    expect(calls).toHaveLength(2);
    expect(roundTripStarted()).toBeUndefined();
  });

  it('notes nothing while counting is off, and counts again once it is on', async () => {
    setRoundTripCounting(false);
    try {
      const off = countingRoundTrips(async () => roundTripStarted());
      expect(off.calls).toBeUndefined();
      expect(await off.result).toBeUndefined();
    } finally {
      setRoundTripCounting(true);
    }
    const on = countingRoundTrips(async () => {
      await Promise.resolve();
      roundTripStarted()?.();
    });
    await on.result;
    expect(on.calls).toHaveLength(1);
  });
});
