/**
 * The organisation's side of bench/organisaties.ts, in a process of its own (fork() with IPC), as it
 * is on a machine of its own: so that the CPU the benchmark counts is Voordeur's alone, and
 * Voordeur's event loop does not also encode and send 8 MB requests. For each run it is sent, it
 * builds the batches beforehand (each bericht for a different recipient; with `withPdf`, one 300 kB
 * PDF each), says `started`, posts them `concurrency` at a time and says `done` with berichten/s and
 * how many were not `verwerkt`.
 */
import { randomBytes } from 'node:crypto';
import { pdf } from '../../simulators/zgw/content.ts';

export interface ClientRun {
  label: string;
  count: number;
  batch: number;
  withPdf: boolean;
  api: string;
  token: string;
  concurrency: number;
}
export type ClientMessage = { started: true } | { done: true; perSecond: number; refused: number };

/** A valid BSN (elfproef) for each n: 9 digits whose weighted sum is a multiple of 11. */
function bsn(n: number): string {
  for (let candidate = 100_000_000 + n * 13; ; candidate++) {
    const digits = String(candidate).split('').map(Number);
    const sum = digits.slice(0, 8).reduce((s, d, i) => s + d * (9 - i), 0) - digits[8]!;
    if (sum % 11 === 0) return String(candidate);
  }
}

// A PDF's pages are compressed streams: random bytes after a real PDF are as (in)compressible as the real thing.
const pdf300kB = Buffer.concat([pdf(['Aanslag']), randomBytes(300 * 1024)]).toString('base64');

async function send(run: ClientRun): Promise<ClientMessage> {
  const bodies = Array.from({ length: Math.ceil(run.count / run.batch) }, (_, b) =>
    Buffer.from(
      JSON.stringify({
        berichten: Array.from({ length: Math.min(run.batch, run.count - b * run.batch) }, (_, i) => {
          const n = b * run.batch + i;
          return {
            berichtId: `${run.label}-${n}`,
            ontvanger: { bsn: bsn(n) },
            onderwerp: 'Aanslag gemeentelijke belastingen',
            tekst: 'Beste inwoner,\n\nIn de bijlage vindt u uw aanslag.',
            ...(run.withPdf ? { bijlagen: [{ bestandsnaam: 'aanslag.pdf', inhoud: pdf300kB }] } : {}),
          };
        }),
      }),
    ),
  );
  process.send!({ started: true } satisfies ClientMessage);
  let next = 0;
  let refused = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: run.concurrency }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const answer = await fetch(`${run.api}/berichten`, {
          method: 'POST',
          headers: { authorization: `Bearer ${run.token}`, 'content-type': 'application/json' },
          body,
        });
        const { resultaten } = (await answer.json()) as { resultaten: { resultaat: string }[] };
        refused += resultaten.filter((r) => r.resultaat !== 'verwerkt').length;
      }
    }),
  );
  return { done: true, perSecond: run.count / ((performance.now() - started) / 1000), refused };
}

process.on('message', (run: ClientRun) => {
  send(run).then(
    (result) => process.send!(result),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
});
