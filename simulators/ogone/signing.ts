/**
 * The simulator's own SHA signing, written apart from the portal's (src/sources/ogone/ogone.ts)
 * so that a mistake there is not repeated here: every parameter with a value, names in upper
 * case, sorted, `NAME=value<passphrase>` concatenated, hashed over UTF-8, hex in upper case.
 *
 * Ogone hashes only the parameters on its SHA-IN and SHA-OUT lists. The simulator hashes every
 * parameter it receives except SHASIGN (the portal sends only listed ones), and sends back only
 * listed parameters whose names have no "_", for which a plain sort is Ogone's order.
 */
import { createHash } from 'node:crypto';

export type Algorithm = 'sha1' | 'sha256' | 'sha512';

export function sign(params: Iterable<readonly [string, string]>, passphrase: string, algorithm: Algorithm): string {
  const text = [...params]
    .filter(([name, value]) => value !== '' && name.toUpperCase() !== 'SHASIGN')
    .map(([name, value]) => [name.toUpperCase(), value] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}${passphrase}`)
    .join('');
  return createHash(algorithm).update(text, 'utf8').digest('hex').toUpperCase();
}
