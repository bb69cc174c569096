/**
 * Calls to an outsider's address reach the internet only: names are resolved (here by a stub)
 * and every address is checked, at registration (check) and when connecting (fetch), so that a
 * name that resolves to this machine, a private network or the cloud's metadata service is
 * refused, also when it changes its answer between the check and the call.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPublicAddress, PublicAddresses, type Resolve } from './public-address.ts';

const dns: Record<string, string[]> = {
  'bsgw.example.nl': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
  'intern.example.nl': ['10.1.2.3'],
  'metadata.example.nl': ['169.254.169.254'],
  'half.example.nl': ['93.184.216.34', '192.168.1.10'],
  'mapped.example.nl': ['::ffff:127.0.0.1'],
  'ula.example.nl': ['fd00:ec2::254'],
  'lokaal.example.nl': ['127.0.0.1'],
};
const stub: Resolve = async (hostname) => {
  const found = dns[hostname];
  if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

let server: Server;
let port: number;
let calls = 0;
beforeAll(async () => {
  server = createServer((_request, response) => {
    calls++;
    response.end('{"keys":[]}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('public addresses', () => {
  it('knows internet addresses from loopback, private, link-local, CGNAT, unique-local, multicast and mapped ones', () => {
    for (const address of ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946', '8.8.8.8']) expect(isPublicAddress(address), address).toBe(true);
    for (const address of [
      '127.0.0.1',
      '10.0.0.1',
      '172.16.5.4',
      '192.168.0.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      '::',
      'fe80::1',
      'fd00:ec2::254',
      '::ffff:10.0.0.1',
      'geen-adres',
    ])
      expect(isPublicAddress(address), address).toBe(false);
  });

  it('checks every address a name resolves to', async () => {
    const addresses = new PublicAddresses({ allowPrivate: false, resolve: stub });
    expect(await addresses.check('https://bsgw.example.nl/hook')).toBe('public');
    for (const host of ['intern.example.nl', 'metadata.example.nl', 'half.example.nl', 'mapped.example.nl', 'ula.example.nl'])
      expect(await addresses.check(`https://${host}/hook`), host).toBe('private');
    expect(await addresses.check('https://[::1]/hook')).toBe('private');
    expect(await addresses.check('https://169.254.169.254/latest')).toBe('private');
    expect(await addresses.check('https://bestaat-niet.example.nl/hook')).toBe('unresolvable');
    // The demo and the tests: allowed by the setting.
    expect(await new PublicAddresses({ allowPrivate: true, resolve: stub }).check('https://intern.example.nl/hook')).toBe('public');
  });

  it('refuses to connect to a name that resolves inside, also when it resolved to the internet a moment before (DNS rebinding)', async () => {
    let answers = 0;
    const rebinding: Resolve = async (hostname) =>
      hostname === 'rebind.example.nl' ? [{ address: answers++ === 0 ? '93.184.216.34' : '127.0.0.1', family: 4 }] : stub(hostname);
    const addresses = new PublicAddresses({ allowPrivate: false, resolve: rebinding });
    expect(await addresses.check(`http://rebind.example.nl:${port}/jwks`)).toBe('public');
    await expect(addresses.fetch(`http://rebind.example.nl:${port}/jwks`)).rejects.toThrow();
    await expect(addresses.fetch(`http://lokaal.example.nl:${port}/jwks`)).rejects.toThrow();
    await expect(addresses.fetch(`http://127.0.0.1:${port}/jwks`)).rejects.toThrow(/not on the internet/);
    expect(calls).toBe(0);
    await addresses.close();
  });

  it('connects where the setting allows private addresses, by name or address', async () => {
    const addresses = new PublicAddresses({ allowPrivate: true, resolve: stub });
    expect((await addresses.fetch(`http://lokaal.example.nl:${port}/jwks`)).status).toBe(200);
    expect((await addresses.fetch(`http://127.0.0.1:${port}/jwks`)).status).toBe(200);
    expect(calls).toBe(2);
    await addresses.close();
  });
});
