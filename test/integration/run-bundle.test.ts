/**
 * scripts/run.mjs keeps its bundle between starts (a start that need not bundle is 0.5–2.5 s
 * shorter): what an operator or developer must be able to count on is that a start always runs
 * the code as it is now. A changed file, a file no longer imported and a new file imported all
 * make a new bundle; unchanged code is not bundled again.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const script = path.resolve('scripts/run.mjs');
const dir = mkdtempSync(path.join(tmpdir(), 'voordeur-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bundle = path.join(dir, 'node_modules/.cache/voordeur/build/entry.mjs');

async function start(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [script, 'entry.ts', ...args], { cwd: dir, timeout: 30_000 });
  return stdout.trim();
}

/**
 * Writes a file as an editor would, a moment later than anything before (file systems with coarse
 * times), and in the past: a file whose time is after the start of a bundling counts as changed
 * during it.
 */
let clock = Date.now() / 1000 - 3600;
function edit(file: string, text: string): void {
  writeFileSync(path.join(dir, file), text);
  clock += 5;
  utimesSync(path.join(dir, file), clock, clock);
}

describe('scripts/run.mjs', () => {
  it('runs the code as it is now, and bundles again only when it changed', async () => {
    edit('greeting.ts', "export const greeting = (name: string): string => 'hallo ' + name;\n");
    edit('entry.ts', "import { greeting } from './greeting.ts';\nconsole.log(greeting(process.argv[2] ?? 'wereld'), process.argv[1]?.endsWith('entry.ts'));\n");
    // The entry gets its arguments, and its own path as process.argv[1], as if started itself.
    expect(await start('Suzanne')).toBe('hallo Suzanne true');

    const made = statSync(bundle).mtimeMs;
    expect(await start()).toBe('hallo wereld true');
    expect(statSync(bundle).mtimeMs).toBe(made);

    edit('greeting.ts', "export const greeting = (name: string): string => 'dag ' + name;\n");
    expect(await start()).toBe('dag wereld true');

    // A new file imported, then the old one no longer imported and removed.
    edit('afscheid.ts', "export const afscheid = 'tot ziens';\n");
    edit('entry.ts', "import { afscheid } from './afscheid.ts';\nconsole.log(afscheid);\n");
    expect(await start()).toBe('tot ziens');
    rmSync(path.join(dir, 'greeting.ts'));
    expect(await start()).toBe('tot ziens');
  });

  it('reports an error at the line of the TypeScript file it happened in', async () => {
    edit('fout.ts', "\n\nexport function faal(): never {\n  throw new Error('mislukt');\n}\n");
    edit('entry.ts', "import { faal } from './fout.ts';\nfaal();\n");
    const failed = await start().then(
      () => '',
      (error: { stderr?: string }) => error.stderr ?? '',
    );
    expect(failed).toContain('mislukt');
    expect(failed).toContain(`${path.join(dir, 'fout.ts')}:4:`);
  });

  it('bundles again at the next start when a file was saved while it bundled', async () => {
    edit('entry.ts', "console.log('eerst');\n");
    expect(await start()).toBe('eerst');
    // As if saved during that bundling: its time is after the bundling started, its content the same.
    const now = Date.now() / 1000 + 60;
    utimesSync(path.join(dir, 'entry.ts'), now, now);
    await start();
    const made = statSync(bundle).mtimeMs;
    expect(await start()).toBe('eerst');
    // The list was not written after the bundling that saw a file newer than its start: bundled again.
    expect(statSync(bundle).mtimeMs).not.toBe(made);
  });

  it('with --bundle-only makes the bundle without running it', async () => {
    edit('entry.ts', "console.log('ran');\n");
    expect(await start()).toBe('ran');
    edit('entry.ts', "console.log('ran again');\n");
    const { stdout } = await run(process.execPath, [script, '--bundle-only', 'entry.ts'], { cwd: dir, timeout: 30_000 });
    expect(stdout).toBe('');
    expect(await start()).toBe('ran again');
  });
});
