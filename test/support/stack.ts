/**
 * The whole thing on real ports, as a browser sees it: the DigiD/eHerkenning simulator and
 * Voordeur on a fresh database.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { registerIdentitySimulator } from '../../simulators/identity/index.ts';
import { testApp, type TestApp } from './app.ts';
import { freePort } from './ports.ts';

export interface Stack {
  voordeur: TestApp;
  simulators: FastifyInstance;
  /** Voordeur's address, e.g. http://127.0.0.1:41234 */
  url: string;
  issuer: string;
  close(): Promise<void>;
}

export async function startStack(environment: Record<string, string> = {}): Promise<Stack> {
  const [appPort, simulatorPort] = await Promise.all([freePort(), freePort()]);
  const url = `http://127.0.0.1:${appPort}`;
  const issuer = `http://127.0.0.1:${simulatorPort}/oidc`;
  const simulators = Fastify({ logger: false });
  await registerIdentitySimulator(simulators, {
    issuer,
    clients: [{ client_id: 'voordeur', client_secret: 'voordeur-test-secret', redirect_uris: [`${url}/auth/callback`], post_logout_redirect_uris: [`${url}/uitgelogd`] }],
  });
  await simulators.listen({ host: '127.0.0.1', port: simulatorPort });
  const voordeur = await testApp({ PUBLIC_URL: url, PORT: String(appPort), OIDC_ISSUER: issuer, ...environment });
  await voordeur.app.listen({ host: '127.0.0.1', port: appPort });
  return {
    voordeur,
    simulators,
    url,
    issuer,
    async close() {
      await voordeur.close();
      await simulators.close();
    },
  };
}
