/** Comparing secrets (tokens, signatures, code hashes) without telling an attacker by the time taken how much of it was right. */
import { timingSafeEqual } from 'node:crypto';

/**
 * Whether two strings are the same, in a time that does not depend on where they differ. Their
 * lengths may show (a digest's or token's length is no secret); timingSafeEqual needs them equal.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
