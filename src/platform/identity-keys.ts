/**
 * Keyed hashes (HMAC-SHA-256) of people and companies: what Voordeur stores about someone is
 * found by such a key, never by the BSN or KvK number itself. A copy of the database without the
 * secret does not say whose rows are whose.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { Subject } from '../domain/identity.ts';

export function subjectKey(subject: Subject, secret: string): string {
  const plain = subject.type === 'persoon' ? `bsn:${subject.bsn}` : `kvk:${subject.kvkNummer}:${subject.vestigingsnummer ?? ''}`;
  return createHmac('sha256', secret).update(plain).digest('base64url');
}

export class IdentityKeys {
  /**
   * The keys of the subjects asked for lately: every page asks for the key of the person it is
   * for, several times (the processing log, kept archive state, pushed berichten), and each HMAC
   * costs 5–25 µs of CPU (issue 19). Bounded: the oldest go first.
   */
  private readonly subjectKeys = new Map<string, string>();

  constructor(private readonly secret: string) {}

  subject(subject: Subject): string {
    const plain = subject.type === 'persoon' ? `bsn:${subject.bsn}` : `kvk:${subject.kvkNummer}:${subject.vestigingsnummer ?? ''}`;
    let key = this.subjectKeys.get(plain);
    if (key === undefined) {
      key = subjectKey(subject, this.secret);
      if (this.subjectKeys.size >= 10_000) this.subjectKeys.delete(this.subjectKeys.keys().next().value!);
      this.subjectKeys.set(plain, key);
    }
    return key;
  }

  /**
   * The keys of the recipients whose pushed items (berichten, lopende zaken) the subject sees:
   * their own; for a company logged in for one vestiging also the company-wide ones; for a
   * company logged in as a whole also those of each of its vestigingen (as zaken from the Zaken
   * API are scoped, `isInitiator` in domain/zaak.ts).
   */
  visibleTo(subject: Subject): string[] {
    const keys = [this.subject(subject)];
    if (subject.type !== 'bedrijf') return keys;
    const { kvkNummer, vestigingsnummer, vestigingen } = subject;
    if (vestigingsnummer) return [...keys, this.subject({ type: 'bedrijf', kvkNummer })];
    return [...keys, ...(vestigingen ?? []).map((v) => this.subject({ type: 'bedrijf', kvkNummer, vestigingsnummer: v }))];
  }

  person(bsn: string): string {
    return subjectKey({ type: 'persoon', bsn }, this.secret);
  }

  /** The keyed hash of a staff member (their id at the organisation's identity provider), for the processing log. */
  medewerker(id: string): string {
    return createHmac('sha256', this.secret).update(`medewerker:${id}`).digest('base64url');
  }

  /** The keyed hash of an e-mail address (whatever its case) or a phone number. */
  address(adres: string): string {
    return createHmac('sha256', this.secret).update(`adres:${adres.trim().toLowerCase()}`).digest('base64url');
  }

  /**
   * The subject encrypted (AES-256-GCM, a key derived from the same secret), for the short time
   * Voordeur must know who someone is without them being logged in: between a notification and
   * the message about it.
   */
  seal(subject: Subject): string {
    return this.sealJson(subject);
  }

  /** The subject from seal(); throws when the text was changed or sealed with another secret. */
  unseal(sealed: string): Subject {
    return this.unsealJson<Subject>(sealed);
  }

  /** Any JSON value encrypted as seal() does (e.g. the answers of a form kept for a short time). */
  sealJson(value: unknown): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.sealKey(), iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  unsealJson<T>(sealed: string): T {
    const bytes = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.sealKey(), bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return JSON.parse(Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8')) as T;
  }

  private sealKeyBytes?: Buffer;

  private sealKey(): Buffer {
    this.sealKeyBytes ??= Buffer.from(hkdfSync('sha256', this.secret, 'voordeur', 'seal subject', 32));
    return this.sealKeyBytes;
  }
}
