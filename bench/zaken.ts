/**
 * Benchmark: how many source round trips a Mijn zaken page waits for. The ZGW simulator answers
 * every call after a fixed delay (BENCH_LATENCY_MS, default 100 ms); a page's time divided by
 * that delay is the number of round trips it waited for one after another. N+1 fetching would
 * show as a number that grows with the number of zaken; parallel fetching keeps it flat.
 * Targets (issue 19): list 1 round trip when warm, 2 when cold (the zaken with their status and the
 * rollen side by side, then every zaaktype's catalogue entries at once); zaak page 2 (warm
 * catalogue: the zaak and its rollen, statussen and documents list side by side, then the documents
 * and the other features' sections). A verdict allows half a round trip for Voordeur's own work.
 *   node --import tsx bench/zaken.ts
 */
import { loginOverHttp } from '../test/support/http-browser.ts';
import { startStack } from '../test/support/stack.ts';
import { zgwDemo } from '../simulators/data/zgw-demo.ts';

const latency = Number(process.env.BENCH_LATENCY_MS ?? 100);
const repeats = Number(process.env.BENCH_REPEATS ?? 5);

const stack = await startStack({ LOG_LEVEL: 'warn', NODE_ENV: 'production', SOURCE_TIMEOUT_MS: String(latency * 20) });
try {
  // Logging in lands on the overzicht, which would fill the caches: keep the Zaken API down meanwhile.
  stack.zgw.setFault('zaken', 'down');
  const browser = await loginOverHttp(stack.url, { bsn: '999993653' });
  stack.zgw.setFault('zaken', 'none');
  stack.zgw.setLatency(latency);

  async function time(path: string): Promise<{ ms: number; calls: number }> {
    stack.zgw.resetCounts();
    const started = performance.now();
    const hop = await browser.request(`${stack.url}${path}`);
    if (hop.status !== 200) throw new Error(`${path}: HTTP ${hop.status}`);
    return { ms: performance.now() - started, calls: stack.zgw.requestCount() };
  }
  async function median(path: string) {
    const runs = [];
    for (let i = 0; i < repeats; i++) runs.push(await time(path));
    runs.sort((a, b) => a.ms - b.ms);
    return runs[Math.floor(runs.length / 2)]!;
  }

  const zaak = zgwDemo.zaken.find((z) => z.identificatie === 'ZAAK-000103')!;
  const rows: [string, { ms: number; calls: number }, number][] = [
    ['Mijn zaken, cold caches (13 zaken)', await time('/zaken'), 2],
    ['Mijn zaken, warm', await median('/zaken'), 1],
    ['overzicht, warm', await median('/overzicht'), 1],
    ['zaak with 9 documents, warm catalogue', await median(`/zaken/demo/${zaak.uuid}`), 2],
  ];
  console.log(`Mijn zaken round trips: every ZGW call answers after ${latency} ms; median of ${repeats} (cold: 1 run)`);
  for (const [name, result, target] of rows) {
    const trips = result.ms / latency;
    console.log(
      `${name.padEnd(40)} ${result.ms.toFixed(0).padStart(6)} ms  ${String(result.calls).padStart(3)} calls  ${trips.toFixed(2)} round trips (target ≤ ${target}) ${trips < target + 0.5 ? 'MET' : 'NOT MET'}`,
    );
  }
} finally {
  await stack.close();
}
