/**
 * Static files: Voordeur's own (public/), the NL Design System CSS from its npm packages, the
 * organisation's theme (design tokens from configuration, as CSS custom properties) and logo.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import { projectRoot } from '../paths.ts';

const require = createRequire(import.meta.url);
const packageFile = (specifier: string) => require.resolve(specifier);
const publicDir = path.join(projectRoot, 'public');

const contentTypes: Record<string, string> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
};

function themeCss(tokens: Record<string, string>): string {
  const lines = Object.entries(tokens).map(([name, value]) => `  ${name}: ${value};`);
  return lines.length ? `.utrecht-theme {\n${lines.join('\n')}\n}\n` : '/* no organisation theme configured */\n';
}

export async function registerStatic(app: FastifyInstance, theme: Config['theme']): Promise<void> {
  await app.register(fastifyStatic, { root: publicDir, prefix: '/static/', index: false, maxAge: '1h', wildcard: false });

  const files: Record<string, { body: Buffer | string; type: string }> = {
    '/static/nlds/components.css': { body: readFileSync(packageFile('@utrecht/component-library-css/dist/index.css')), type: 'text/css; charset=utf-8' },
    '/static/nlds/design-tokens.css': { body: readFileSync(packageFile('@utrecht/design-tokens/dist/index.css')), type: 'text/css; charset=utf-8' },
    '/static/theme.css': { body: themeCss(theme.tokens), type: 'text/css; charset=utf-8' },
    '/static/logo': theme.logoFile
      ? { body: readFileSync(theme.logoFile), type: contentTypes[path.extname(theme.logoFile).toLowerCase()] ?? 'application/octet-stream' }
      : { body: readFileSync(path.join(publicDir, 'logo.svg')), type: 'image/svg+xml' },
  };
  for (const [url, file] of Object.entries(files)) {
    app.get(url, { logLevel: 'warn' }, (_request, reply) => {
      reply.header('cache-control', 'public, max-age=3600').type(file.type).send(file.body);
    });
  }
}
