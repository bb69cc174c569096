/**
 * Start-up time of the demo (`npm start`): from spawning the node process to the first 200 on
 * `/`, with a new data directory (first start on a machine after `npm ci`) and with the
 * existing one (every later start). Target: under 3 s.
 *   node --import tsx bench/startup.ts
 */
import { spawn } from 'node:child_process';
import { startFlags } from './support/start-flags.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../test/support/ports.ts';

async function startOnce(dataDir: string): Promise<number> {
  const port = await freePort();
  const simulatorsPort = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [...startFlags('start'), 'scripts/run.mjs', 'simulators/demo.ts'], {
    env: { ...process.env, PORT: String(port), SIMULATORS_PORT: String(simulatorsPort), PGLITE_DIR: dataDir, HOST: '127.0.0.1' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`demo exited with ${child.exitCode}`);
      if (performance.now() - started > 30_000) throw new Error('no 200 on / within 30 s');
      const ok = await fetch(`http://127.0.0.1:${port}/`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'voordeur-startup-')), 'data');
try {
  const fresh = await startOnce(dataDir);
  const again = await startOnce(dataDir);
  const verdict = (ms: number) => (ms < 3000 ? 'MET' : 'NOT MET');
  console.log(
    `npm start to first 200 on /: new data directory ${fresh.toFixed(0)} ms (${verdict(fresh)}), existing ${again.toFixed(0)} ms (${verdict(again)}); target < 3000 ms`,
  );
} finally {
  rmSync(path.dirname(dataDir), { recursive: true, force: true });
}
