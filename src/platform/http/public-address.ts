/**
 * Calls to addresses an outsider chose (an organisation's webhook, its JWKS URL) may go only to
 * the internet: not to this machine, a private network, a link-local address (where cloud
 * metadata services answer, 169.254.169.254) or another special range, whatever the name in the
 * URL says. The name is resolved and every address it resolves to is checked: when it is given
 * (at registration) and on each call, at the moment of connecting (the dispatcher's own lookup),
 * so that a name that changes its answer afterwards (DNS rebinding) reaches nothing inside either.
 * `allowPrivate` (the demo and the tests, with their servers on 127.0.0.1) turns the check off.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent, type Dispatcher, fetch as undiciFetch } from 'undici';

/** All addresses a host name resolves to (node:dns lookup with all: true). */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

export type AddressCheck = 'public' | 'private' | 'unresolvable';

const systemResolve: Resolve = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

/** An address on the internet: ordinary unicast, not loopback, private, link-local, unique-local, CGNAT, multicast or reserved (IPv4 in IPv6 as IPv4). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

export class RefusedAddressError extends Error {
  constructor(hostname: string) {
    super(`${hostname} resolves to an address that is not on the internet`);
    this.name = 'RefusedAddressError';
  }
}

export class PublicAddresses {
  private readonly resolve: Resolve;
  private agent?: Agent;

  constructor(private readonly options: { allowPrivate: boolean; resolve?: Resolve }) {
    this.resolve = options.resolve ?? systemResolve;
  }

  /** Whether the URL's host resolves to internet addresses only (`public`), to one that is not (`private`), or not at all. */
  async check(url: string): Promise<AddressCheck> {
    if (this.options.allowPrivate) return 'public';
    const addresses = await this.addressesOf(new URL(url).hostname).catch(() => []);
    if (addresses.length === 0) return 'unresolvable';
    return addresses.every((a) => isPublicAddress(a.address)) ? 'public' : 'private';
  }

  /** An undici dispatcher that connects only to internet addresses: the check is made by its lookup, so it holds for the address it connects to. */
  dispatcher(): Dispatcher {
    this.agent ??= new Agent({
      connect: {
        lookup: (hostname, options, callback) => {
          this.addressesOf(hostname).then(
            (addresses) => {
              if (!this.options.allowPrivate && (addresses.length === 0 || !addresses.every((a) => isPublicAddress(a.address))))
                return callback(new RefusedAddressError(hostname), '', 0);
              const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
              if (options.all) return (callback as unknown as (error: null, all: LookupAddress[]) => void)(null, wanted);
              const first = wanted[0];
              if (!first) return callback(new RefusedAddressError(hostname), '', 0);
              return callback(null, first.address, first.family);
            },
            (error: NodeJS.ErrnoException) => callback(error, '', 0),
          );
        },
      },
    });
    return this.agent;
  }

  /**
   * fetch (undici's) that reaches internet addresses only: an address in the URL is checked here,
   * a name when connecting. Throws RefusedAddressError (or what the lookup threw) otherwise.
   */
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    if (!this.options.allowPrivate && isIP(host) && !isPublicAddress(host)) throw new RefusedAddressError(host);
    return (await undiciFetch(url, { ...(init as object), dispatcher: this.dispatcher() })) as unknown as Response;
  }

  async close(): Promise<void> {
    await this.agent?.close();
  }

  private async addressesOf(hostname: string): Promise<LookupAddress[]> {
    const bare = hostname.replace(/^\[|\]$/g, '');
    const family = isIP(bare);
    return family ? [{ address: bare, family }] : this.resolve(bare);
  }
}
