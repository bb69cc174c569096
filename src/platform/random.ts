/**
 * Random tokens from a pool filled by the CSPRNG: one randomFillSync per 4 KiB instead of one
 * per token (nonces and request ids are made for every request).
 */
import { randomFillSync } from 'node:crypto';

const pool = Buffer.allocUnsafe(4096);
let offset = pool.length;

export function randomToken(bytes = 16): string {
  if (offset + bytes > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const token = pool.toString('base64url', offset, offset + bytes);
  offset += bytes;
  return token;
}
