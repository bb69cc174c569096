/**
 * Keyed hashes (HMAC-SHA-256) of people and companies: what Voordeur stores about someone is
 * found by such a key, never by the BSN or KvK number itself. A copy of the database without the
 * secret does not say whose rows are whose.
 */
import { createHmac } from 'node:crypto';
import type { Subject } from '../domain/identity.ts';

export function subjectKey(subject: Subject, secret: string): string {
  const plain = subject.type === 'persoon' ? `bsn:${subject.bsn}` : `kvk:${subject.kvkNummer}:${subject.vestigingsnummer ?? ''}`;
  return createHmac('sha256', secret).update(plain).digest('base64url');
}

export class IdentityKeys {
  constructor(private readonly secret: string) {}

  subject(subject: Subject): string {
    return subjectKey(subject, this.secret);
  }

  person(bsn: string): string {
    return subjectKey({ type: 'persoon', bsn }, this.secret);
  }
}
