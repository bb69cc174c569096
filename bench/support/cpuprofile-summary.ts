/**
 * Where the CPU time in a .cpuprofile went (V8's format, as written by `node --cpu-prof` or by
 * bench/support/profile-pages.ts): self time grouped by module (our files by path, npm packages by
 * package name, Node's internals, V8's own '(garbage collector)' and '(program)'), then the
 * functions with the most self time.
 *   node --import tsx bench/support/cpuprofile-summary.ts FILE.cpuprofile [pages] [top]
 * With `pages` (how many pages were answered while it ran) it prints µs per page too.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** The module a script URL belongs to: 'src/…' for ours, the package for node_modules, 'node:…' for Node's. */
export function moduleOf(url: string): string {
  if (!url) return '(native or V8)';
  if (url.startsWith('node:')) return url.startsWith('node:internal/') ? `node:${url.split('/')[1]}` : url;
  let file = url;
  try {
    if (url.startsWith('file:')) file = fileURLToPath(url);
  } catch {}
  const modules = file.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const rest = file.slice(modules + '/node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const root = file.search(/\/(src|simulators|bench)\//);
  return root >= 0 ? file.slice(root + 1) : file;
}

/** Self time in µs per profile node id. */
function selfTimes(profile: Profile): Map<number, number> {
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    // timeDeltas[i] is the time before sample i; the time a sample stands for is the next delta.
    const delta = profile.timeDeltas[i + 1] ?? 0;
    self.set(profile.samples[i]!, (self.get(profile.samples[i]!) ?? 0) + delta);
  }
  return self;
}

export function summarise(profile: Profile, top = 25) {
  const self = selfTimes(profile);
  const byModule = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const us = self.get(node.id) ?? 0;
    if (!us) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const module = url ? moduleOf(url) : functionName.startsWith('(') ? functionName : '(native or V8)';
    if (module === '(idle)') continue;
    total += us;
    byModule.set(module, (byModule.get(module) ?? 0) + us);
    const name = `${functionName || '(anonymous)'} ${module}${url ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
  }
  const sorted = (map: Map<string, number>) => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return { totalUs: total, modules: sorted(byModule), functions: sorted(byFunction) };
}

export function printSummary(profile: Profile, pages?: number, top = 25, print = console.log) {
  const { totalUs, modules, functions } = summarise(profile, top);
  const per = (us: number) => (pages ? `${(us / pages).toFixed(0).padStart(6)} µs/page` : '');
  const pct = (us: number) => `${((100 * us) / totalUs).toFixed(1).padStart(5)}%`;
  print(`busy ${(totalUs / 1000).toFixed(0)} ms${pages ? ` for ${pages} pages: ${(totalUs / pages).toFixed(0)} µs/page` : ''} (idle left out)`);
  print('self time by module:');
  for (const [name, us] of modules) print(`  ${pct(us)} ${per(us)}  ${name}`);
  print('self time by function:');
  for (const [name, us] of functions) print(`  ${pct(us)} ${per(us)}  ${name}`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const [file, pages, top] = process.argv.slice(2);
  if (!file) {
    console.error('usage: cpuprofile-summary.ts FILE.cpuprofile [pages] [top]');
    process.exit(2);
  }
  printSummary(JSON.parse(readFileSync(file, 'utf8')) as Profile, pages ? Number(pages) : undefined, top ? Number(top) : 25);
}
