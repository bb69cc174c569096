import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.ts';

describe('RateLimiter', () => {
  it('lets a client through up to the limit per window, then says how long to wait', () => {
    const clock = { now: 0 };
    const limiter = new RateLimiter({ limit: 2, windowMs: 60_000, now: () => clock.now });
    expect(limiter.take('a')).toBeUndefined();
    expect(limiter.take('a')).toBeUndefined();
    clock.now = 15_000;
    expect(limiter.take('a')).toBe(45);
    expect(limiter.take('b')).toBeUndefined();
    clock.now = 60_000;
    expect(limiter.take('a')).toBeUndefined();
  });

  it('remembers a bounded number of clients', () => {
    const clock = { now: 0 };
    const limiter = new RateLimiter({ limit: 1, windowMs: 60_000, maxClients: 3, now: () => clock.now });
    for (const client of ['a', 'b', 'c', 'd']) expect(limiter.take(client)).toBeUndefined();
    // "a" was forgotten to make room: it starts a new window.
    expect(limiter.take('a')).toBeUndefined();
    expect(limiter.take('d')).toBe(60);
  });
});
