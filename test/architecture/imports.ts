/**
 * The import graph of src/ and the layer rules of ../shared/DESIGN.md §2, checked on it
 * (docs/decisions/0010-layer-check.md). Parsing is oxc-parser's (a real TS/TSX parser), so every
 * kind of import is seen: `import`, `import type`, `export … from`, `import('…')`, the type
 * `import('…').T` and `import x = require('…')`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseSync } from 'oxc-parser';

export interface ImportRef {
  specifier: string;
  line: number;
  /** `import`, `import type`, `export from`, `import()`, `type import()`, `import = require()`; undefined specifier when computed. */
  kind: string;
  computed?: true;
}

/** Every import of one module, in source order; `errors` when the file does not parse. */
export function importsOf(file: string, source: string): { imports: ImportRef[]; errors: string[] } {
  const result = parseSync(file, source, { sourceType: 'module' });
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const lineOf = (offset: number) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
  const imports: ImportRef[] = [];
  const add = (kind: string, node: Node, specifierNode: Node | null | undefined) => {
    const specifier = literal(specifierNode);
    if (specifier === undefined) imports.push({ specifier: '', line: lineOf(node.start), kind, computed: true });
    else imports.push({ specifier, line: lineOf(node.start), kind });
  };
  const visit = (node: Node) => {
    switch (node.type) {
      case 'ImportDeclaration':
        add(node.importKind === 'type' ? 'import type' : 'import', node, node.source);
        break;
      case 'ExportNamedDeclaration':
      case 'ExportAllDeclaration':
        if (node.source) add(node.exportKind === 'type' ? 'export type from' : 'export from', node, node.source);
        break;
      case 'ImportExpression':
        add('import()', node, node.source);
        break;
      case 'TSImportType':
        add('type import()', node, node.source ?? node.argument?.literal ?? node.argument);
        break;
      case 'TSExternalModuleReference':
        add('import = require()', node, node.expression);
        break;
    }
    for (const key in node) {
      const value = node[key];
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) visit(item);
      } else if (isNode(value)) visit(value);
    }
  };
  visit(result.program as unknown as Node);
  return { imports, errors: result.errors.map((error) => error.message) };
}

// biome-ignore lint/suspicious/noExplicitAny: an ESTree node of any type, read by its `type`
type Node = { type: string; start: number; [key: string]: any };

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';
}

/** The string of a string literal or of a template literal without expressions; undefined otherwise. */
function literal(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
  return undefined;
}

// ── Layers ───────────────────────────────────────────────────────────────────────────────────

/** From lowest to highest: a file may import from its own layer or a lower one. */
export const layers = ['domain', 'config', 'platform', 'sources', 'features', 'composition root'] as const;
export type Layer = (typeof layers)[number];

/** The layer of a path relative to the repository root (`src/…`, forward slashes); undefined outside the layout. */
export function layerOf(file: string): Layer | undefined {
  const parts = file.split('/');
  if (parts[0] !== 'src' || parts.length < 2) return undefined;
  if (parts.length === 2) return parts[1] === 'config.ts' ? 'config' : 'composition root';
  switch (parts[1]) {
    case 'domain':
      return 'domain';
    case 'platform':
      return 'platform';
    case 'sources':
      return 'sources';
    case 'features':
      return 'features';
    default:
      return undefined;
  }
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file);

/** `src/features/<name>/…` → name (a file directly in features/ is its own unit). */
function unitOf(file: string, folder: 'features' | 'sources'): string | undefined {
  const parts = file.split('/');
  if (parts[0] !== 'src' || parts[1] !== folder || parts.length < 3) return undefined;
  return parts.length === 3 ? `${parts[2]} (file)` : parts[2];
}

/** Files directly in src/sources/ besides index.ts (http.ts, fits.ts): helpers every source may use. */
const isSharedSourceFile = (file: string) => /^src\/sources\/[^/]+\.tsx?$/.test(file) && file !== 'src/sources/index.ts';

// ── The check ────────────────────────────────────────────────────────────────────────────────

export interface Edge {
  from: string;
  to: string;
  line: number;
  kind: string;
}

export interface Project {
  /** The .ts/.tsx files under src/, relative to the root, forward slashes. */
  files: string[];
  read(file: string): string;
  /** Whether a path relative to the root is a file (inside or outside src/). */
  isFile(file: string): boolean;
}

/** Resolves a relative specifier as TypeScript (NodeNext, allowImportingTsExtensions) does; undefined if no file. */
export function resolve(from: string, specifier: string, isFile: (file: string) => boolean): string | undefined {
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  const candidates = [target];
  const js = /\.(m|c)?jsx?$/.exec(target);
  if (js) {
    const stem = target.slice(0, -js[0].length);
    candidates.push(`${stem}.${js[1] ?? ''}ts`, `${stem}.tsx`);
  } else candidates.push(`${target}.ts`, `${target}.tsx`, `${target}/index.ts`, `${target}/index.tsx`);
  return candidates.find(isFile);
}

/** Every break of the layer rules in src/, one line each, and the import graph it was found on. */
export function checkLayers(project: Project): { violations: string[]; edges: Edge[] } {
  const violations: string[] = [];
  const edges: Edge[] = [];
  const files = [...project.files].sort();
  for (const file of files) {
    const { imports, errors } = importsOf(file, project.read(file));
    for (const error of errors) violations.push(`${file}: does not parse, so its imports cannot be checked: ${error}`);
    if (!layerOf(file))
      violations.push(`${file}: is in no layer (src/domain, src/config.ts, src/platform, src/sources, src/features or a top-level src/ file)`);
    for (const ref of imports) {
      const at = `${file}:${ref.line}`;
      if (ref.computed) {
        violations.push(`${at} ${ref.kind} with a computed specifier: cannot be checked; use a string literal`);
        continue;
      }
      if (!ref.specifier.startsWith('.') && !ref.specifier.startsWith('/')) continue; // a package or node: builtin
      const to = resolve(file, ref.specifier, project.isFile);
      if (!to) {
        violations.push(`${at} ${ref.kind} '${ref.specifier}' does not resolve to a file`);
        continue;
      }
      if (!to.startsWith('src/')) {
        const top = to.split('/')[0];
        if ((top === 'simulators' || top === 'test') && !isTest(file)) violations.push(`${at} imports ${to}: src/ never imports ${top}/ (d)`);
        continue;
      }
      edges.push({ from: file, to, line: ref.line, kind: ref.kind });
      violations.push(...ruleBreaks(file, to).map((why) => `${at} imports ${to}: ${why}`));
    }
  }
  for (const cycle of cycles(edges)) violations.push(`import cycle (e): ${cycle.join(' → ')}`);
  return { violations, edges };
}

/** The rules (a)–(c) broken by one import inside src/. */
export function ruleBreaks(from: string, to: string): string[] {
  const breaks: string[] = [];
  const fromLayer = layerOf(from);
  const toLayer = layerOf(to);
  if (!fromLayer || !toLayer) return breaks; // reported once, as a file in no layer
  if (layers.indexOf(toLayer) > layers.indexOf(fromLayer)) breaks.push(`up the layers, ${fromLayer} may not import ${toLayer} (a)`);
  if (fromLayer === 'features' && toLayer === 'features') {
    const a = unitOf(from, 'features');
    const b = unitOf(to, 'features');
    if (a !== b) breaks.push(`feature ${a} imports feature ${b}; features meet only through the Feature contract (b)`);
  }
  if (fromLayer === 'sources' && toLayer === 'sources' && from !== 'src/sources/index.ts' && !isSharedSourceFile(to)) {
    const a = unitOf(from, 'sources');
    const b = unitOf(to, 'sources');
    if (a !== b) {
      if (isSharedSourceFile(from)) breaks.push(`the shared ${from} depends on source ${b} (c)`);
      else breaks.push(`source ${a} imports source ${b}; sources share only src/sources/http.ts and the other files directly in src/sources/ (c)`);
    }
  }
  return breaks;
}

/** One cycle (shortest, from its first file) per strongly connected group of files. */
export function cycles(edges: Edge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) {
    if (!next.has(from)) next.set(from, []);
    if (!next.get(from)!.includes(to)) next.get(from)!.push(to);
  }
  for (const targets of next.values()) targets.sort();
  // Tarjan's strongly connected components, iteratively.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const groups: string[][] = [];
  let counter = 0;
  for (const root of [...next.keys()].sort()) {
    if (index.has(root)) continue;
    const work: { node: string; i: number }[] = [{ node: root, i: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const targets = next.get(frame.node) ?? [];
      if (frame.i < targets.length) {
        const target = targets[frame.i++]!;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, i: 0 });
        } else if (onStack.has(target)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const group: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          group.push(member);
        } while (member !== frame.node);
        const selfLoop = group.length === 1 && (next.get(frame.node) ?? []).includes(frame.node);
        if (group.length > 1 || selfLoop) groups.push(group.sort());
      }
    }
  }
  // The shortest way back to the group's first file, found breadth first inside the group.
  return groups
    .map((group) => {
      const members = new Set(group);
      const start = group[0]!;
      const previous = new Map<string, string>();
      const queue = [start];
      while (queue.length > 0) {
        const node = queue.shift()!;
        for (const target of next.get(node) ?? []) {
          if (!members.has(target)) continue;
          if (target === start) {
            const way = [start];
            for (let at = node; at !== start; at = previous.get(at)!) way.unshift(at);
            return [start, ...way];
          }
          if (!previous.has(target)) {
            previous.set(target, node);
            queue.push(target);
          }
        }
      }
      return group;
    })
    .sort((a, b) => a[0]!.localeCompare(b[0]!));
}

// ── The real project ─────────────────────────────────────────────────────────────────────────

/** src/ of the repository at `root`, read from disk. */
export function projectAt(root: string): Project {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const relative = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(relative);
      else if (/\.tsx?$/.test(entry.name)) files.push(relative);
    }
  };
  walk('src');
  return {
    files,
    read: (file) => readFileSync(path.join(root, file), 'utf8'),
    isFile: (file) => {
      try {
        return statSync(path.join(root, file)).isFile();
      } catch {
        return false;
      }
    },
  };
}
