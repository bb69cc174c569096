/**
 * The layer rules of ../shared/DESIGN.md §2 on src/ (docs/decisions/0010-layer-check.md):
 * (a) imports only go down: domain < config < platform < sources < features < composition root;
 * (b) a feature does not import another feature; (c) a source folder does not import another one
 * (the files directly in src/sources/ are shared, index.ts assembles them); (d) src/ never imports
 * simulators/ or test/ (tests under src/ may); (e) no import cycles. Type-only imports count.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkLayers, type Project, projectAt } from './imports.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('the layers of src/', () => {
  it('has no import that breaks the layer rules, and no import cycle', () => {
    const { violations, edges } = checkLayers(projectAt(root));
    expect(edges.length, 'the check found no imports at all: is src/ where it should be?').toBeGreaterThan(100);
    expect(violations, `${violations.length} import(s) break the layer rules of DESIGN.md §2:\n${violations.join('\n')}\n`).toEqual([]);
  });
});

/** A project in memory: file name → source. */
function project(sources: Record<string, string>): Project {
  const files = Object.keys(sources);
  return { files: files.filter((file) => file.startsWith('src/')), read: (file) => sources[file]!, isFile: (file) => files.includes(file) };
}

describe('the layer check itself', () => {
  it('sees every kind of import, type-only ones too', () => {
    const { edges } = checkLayers(
      project({
        'src/features/a/x.tsx': [
          "import { a } from '../../domain/a.ts';",
          "import type { B } from '../../domain/b.ts';",
          "import { type C } from '../../domain/c.ts';",
          "export * from '../../domain/d.ts';",
          "export { e } from '../../domain/e.ts';",
          "export type { F } from '../../domain/f.ts';",
          "const g = await import('../../domain/g.ts');",
          'const h = await import(`../../domain/h.ts`);',
          "type I = import('../../domain/i.ts').I;",
          "import j = require('../../domain/j.ts');",
          'export const view = <div class="x">{a}</div>;',
        ].join('\n'),
        ...Object.fromEntries([...'abcdefghij'].map((letter) => [`src/domain/${letter}.ts`, ''])),
      }),
    );
    expect(edges.map((edge) => [path.basename(edge.to), edge.line, edge.kind])).toEqual([
      ['a.ts', 1, 'import'],
      ['b.ts', 2, 'import type'],
      ['c.ts', 3, 'import'],
      ['d.ts', 4, 'export from'],
      ['e.ts', 5, 'export from'],
      ['f.ts', 6, 'export type from'],
      ['g.ts', 7, 'import()'],
      ['h.ts', 8, 'import()'],
      ['i.ts', 9, 'type import()'],
      ['j.ts', 10, 'import = require()'],
    ]);
  });

  it('resolves specifiers without an extension, with .js, and to index files', () => {
    const { edges, violations } = checkLayers(
      project({
        'src/app.ts': "import './platform/a';\nimport './platform/b.js';\nimport './platform/c';\nimport './platform/missing.ts';",
        'src/platform/a.ts': '',
        'src/platform/b.ts': '',
        'src/platform/c/index.ts': '',
      }),
    );
    expect(edges.map((edge) => edge.to)).toEqual(['src/platform/a.ts', 'src/platform/b.ts', 'src/platform/c/index.ts']);
    expect(violations).toEqual(["src/app.ts:4 import './platform/missing.ts' does not resolve to a file"]);
  });

  it('names every break, each with its file, line and rule', () => {
    const { violations } = checkLayers(
      project({
        'src/domain/zaak.ts': "import type { Config } from '../config.ts';",
        'src/config.ts': "import { zgw } from './sources/zgw/zgw.ts';",
        'src/platform/http/page.ts': "import { x } from '../../features/zaken/views.tsx';\nimport { y } from '../../app.ts';",
        'src/sources/zgw/zgw.ts': "import { get } from '../http.ts';\nimport { fits } from '../fits.ts';\nimport { p } from '../brp/brp.ts';",
        'src/sources/brp/brp.ts': "import type { Persoon } from '../../domain/zaak.ts';",
        'src/sources/http.ts': "import { Metrics } from '../platform/metrics.ts';",
        'src/platform/metrics.ts': '',
        'src/sources/fits.ts': "import type { P } from './brp/brp.ts';",
        'src/sources/index.ts': "import { zgw } from './zgw/zgw.ts';\nimport { brp } from './brp/brp.ts';",
        'src/features/zaken/views.tsx': "import { taak } from '../taken/views.tsx';",
        'src/features/taken/views.tsx': "import { s } from '../../sources/zgw/zgw.ts';\nimport { f } from '../../platform/http/page.ts';",
        'src/features/taken/routes.tsx': "import { v } from './views.tsx';",
        'src/features/taken/service.test.ts': "import { sim } from '../../../simulators/zgw/index.ts';",
        'src/features/taken/service.ts': "const sim = await import('../../../simulators/zgw/index.ts');\nconst x = await import(name);",
        'src/app.ts': '',
        'src/lib/util.ts': '',
        'simulators/zgw/index.ts': '',
      }),
    );
    expect(violations).toEqual([
      'src/config.ts:1 imports src/sources/zgw/zgw.ts: up the layers, config may not import sources (a)',
      'src/domain/zaak.ts:1 imports src/config.ts: up the layers, domain may not import config (a)',
      'src/features/taken/service.ts:1 imports simulators/zgw/index.ts: src/ never imports simulators/ (d)',
      'src/features/taken/service.ts:2 import() with a computed specifier: cannot be checked; use a string literal',
      'src/features/zaken/views.tsx:1 imports src/features/taken/views.tsx: feature zaken imports feature taken; features meet only through the Feature contract (b)',
      'src/lib/util.ts: is in no layer (src/domain, src/config.ts, src/platform, src/sources, src/features or a top-level src/ file)',
      'src/platform/http/page.ts:1 imports src/features/zaken/views.tsx: up the layers, platform may not import features (a)',
      'src/platform/http/page.ts:2 imports src/app.ts: up the layers, platform may not import composition root (a)',
      'src/sources/fits.ts:1 imports src/sources/brp/brp.ts: the shared src/sources/fits.ts depends on source brp (c)',
      'src/sources/zgw/zgw.ts:3 imports src/sources/brp/brp.ts: source zgw imports source brp; sources share only src/sources/http.ts and the other files directly in src/sources/ (c)',
      'import cycle (e): src/config.ts → src/sources/zgw/zgw.ts → src/sources/brp/brp.ts → src/domain/zaak.ts → src/config.ts',
      'import cycle (e): src/features/taken/views.tsx → src/platform/http/page.ts → src/features/zaken/views.tsx → src/features/taken/views.tsx',
    ]);
  });
});
