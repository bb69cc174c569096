/**
 * `npm start`: the full demo on the embedded defaults. Starts the simulators (DigiD/eHerkenning
 * login, and the sources as they are added) on SIMULATORS_PORT (default PORT + 1), then
 * Voordeur itself in demo mode on PGlite in ./data, and prints where to go and who to log in as.
 * Any setting from docs/configuration.md can still be given in the environment.
 */
import Fastify from 'fastify';
import { main } from '../src/main.ts';
import { displayName, testCompanies, testMachtigingen, testPersons } from './data/test-identities.ts';

const startedAt = performance.now();
const port = Number(process.env.PORT ?? 3000);
const simulatorsPort = Number(process.env.SIMULATORS_PORT ?? port + 1);
const publicUrl = (process.env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
const simulatorsUrl = `http://localhost:${simulatorsPort}`;
const client = { client_id: 'voordeur-demo', client_secret: 'voordeur-demo-secret' };

// Voordeur first: it does not need the login provider until someone logs in.
const { config } = await main({
  NODE_ENV: 'production',
  DEMO_MODE: 'true',
  LOG_LEVEL: 'warn',
  PORT: String(port),
  PUBLIC_URL: publicUrl,
  OIDC_ISSUER: `${simulatorsUrl}/oidc`,
  OIDC_CLIENT_ID: client.client_id,
  OIDC_CLIENT_SECRET: client.client_secret,
  ...process.env,
});

const { registerIdentitySimulator } = await import('./identity/index.ts');
const simulators = Fastify({ logger: false });
await registerIdentitySimulator(simulators, {
  issuer: `${simulatorsUrl}/oidc`,
  clients: [{ ...client, redirect_uris: [`${publicUrl}/auth/callback`], post_logout_redirect_uris: [`${publicUrl}/uitgelogd`] }],
});
await simulators.listen({ host: process.env.HOST ?? '0.0.0.0', port: simulatorsPort });

const lines = [
  '',
  `Voordeur demo is running at ${config.publicUrl.href}  (started in ${Math.round(performance.now() - startedAt)} ms)`,
  `Simulators (DigiD/eHerkenning login) at ${simulatorsUrl}`,
  `Database: ${config.database.url ? 'PostgreSQL' : `PGlite in ${config.database.pgliteDir}`}`,
  '',
  'Test persons (DigiD):',
  ...testPersons.map((p) => `  ${p.bsn}  ${displayName(p)} — ${p.description}`),
  'Machtigingen (DigiD Machtigen):',
  ...testMachtigingen.map((m) => `  ${m.gemachtigde} acts for ${m.vertegenwoordigde} — ${m.description}`),
  'Test companies (eHerkenning):',
  ...testCompanies.map((c) => `  KvK ${c.kvkNummer}  ${c.naam} (vestigingen ${c.vestigingen.map((v) => v.vestigingsnummer).join(', ')}) — ${c.description}`),
  '',
  'Stop with Ctrl+C.',
];
console.log(lines.join('\n'));
