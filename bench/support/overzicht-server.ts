/**
 * The server side of bench/overzicht.ts, in its own process so that the load generator does not
 * share its event loop: Voordeur (demo configuration, NODE_ENV=production) with one logged-in
 * session, and a bare Fastify route that returns the same HTML.
 */
import Fastify from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';

const config = loadConfig({
  NODE_ENV: 'production',
  DEMO_MODE: 'true',
  LOG_LEVEL: 'warn',
  HOST: '127.0.0.1',
  PGLITE_DIR: ':memory:',
  OIDC_ISSUER: 'http://127.0.0.1:9/oidc',
  OIDC_CLIENT_ID: 'bench',
  OIDC_CLIENT_SECRET: 'bench',
  ...process.env,
});
const voordeur = await buildApp(config);
const { token } = await voordeur.sessions.create({ method: 'digid', subject: { type: 'persoon', bsn: '999993653' }, subjectName: 'Suzanne Moulin' }, null);
const pageUrl = await voordeur.app.listen({ host: '127.0.0.1', port: 0 });
const cookie = `voordeur_session=${token}`;
const page = await fetch(`${pageUrl}/overzicht`, { headers: { cookie } });
if (page.status !== 200) throw new Error(`overzicht answered ${page.status}`);
const html = await page.text();

const bare = Fastify({ logger: false });
bare.get('/overzicht', (_request, reply) => reply.type('text/html; charset=utf-8').send(html));
const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });

process.stdout.write(
  `${JSON.stringify({ pageUrl: `${pageUrl}/overzicht`, bareUrl: `${bareUrl}/overzicht`, cookie, bytes: Buffer.byteLength(html), database: voordeur.database.kind })}\n`,
);
process.on(
  'SIGTERM',
  () =>
    void voordeur
      .close()
      .then(() => bare.close())
      .then(() => process.exit(0)),
);
