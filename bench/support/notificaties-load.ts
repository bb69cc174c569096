/**
 * The load of bench/notificaties.ts, in a process of its own so that it does not share an event
 * loop with the Voordeur it measures (in production the Notificaties API is elsewhere too):
 * posts `total` distinct status notifications to the callback with autocannon, `concurrency` at
 * a time, round the people in turn, round each person's zaken; prints one JSON line with
 * autocannon's figures.
 *   echo '<json of LoadPlan>' | node --import tsx bench/support/notificaties-load.ts
 * (the plan on stdin: with a zaak per notification it is longer than an argument may be)
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';

export interface LoadPlan {
  callbackUrl: string;
  secret: string;
  zakenApi: string;
  catalogiApi: string;
  /** Per person, the URLs of their zaken. */
  zaken: string[][];
  total: number;
  /** The number of the first notification (the warm-up's come before). */
  from: number;
  concurrency: number;
}

export interface LoadResult {
  seconds: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** CPU seconds this load process used. */
  cpuSeconds: number;
}

const plan = JSON.parse(readFileSync(0, 'utf8')) as LoadPlan;
let next = plan.from;

function notificatie(i: number) {
  const mine = plan.zaken[i % plan.zaken.length]!;
  return {
    kanaal: 'zaken',
    hoofdObject: mine[Math.floor(i / plan.zaken.length) % mine.length],
    resource: 'status',
    resourceUrl: `${plan.zakenApi}/statussen/${randomUUID()}`,
    actie: 'create',
    aanmaakdatum: new Date().toISOString(),
    kenmerken: { bronorganisatie: '123456782', zaaktype: `${plan.catalogiApi}/zaaktypen/x`, vertrouwelijkheidaanduiding: 'openbaar' },
  };
}

const started = performance.now();
const result = await autocannon({
  url: plan.callbackUrl,
  connections: plan.concurrency,
  amount: plan.total,
  requests: [
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: plan.secret },
      setupRequest: (request) => ({ ...request, body: JSON.stringify(notificatie(next++)) }),
    },
  ],
});
const out: LoadResult = {
  seconds: (performance.now() - started) / 1000,
  p50: result.latency.p50,
  p99: result.latency.p99,
  non2xx: result.non2xx,
  errors: result.errors,
  cpuSeconds: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
};
process.stdout.write(`${JSON.stringify(out)}\n`);
