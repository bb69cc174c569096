/**
 * The ZGW JWT ("JWT-ZGW"): Voordeur identifies itself to the Zaken, Catalogi and Documenten APIs
 * with an HS256 token signed with its client secret, carrying `client_id`, `iss` and `iat`
 * (and a user id, here the application's own name: the person is never put in the token).
 * The token is reused for a few minutes; the APIs accept tokens up to their configured age
 * (Open Zaak: one hour by default).
 */
import { SignJWT } from 'jose';

const REUSE_SECONDS = 5 * 60;

export class ZgwToken {
  private token?: { value: string; until: number };
  private readonly key: Uint8Array;

  constructor(
    private readonly clientId: string,
    secret: string,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async header(): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    if (!this.token || this.token.until <= now) {
      const value = await new SignJWT({ client_id: this.clientId, user_id: 'voordeur', user_representation: 'Voordeur' })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer(this.clientId)
        .setIssuedAt(now)
        .sign(this.key);
      this.token = { value, until: now + REUSE_SECONDS };
    }
    return `Bearer ${this.token.value}`;
  }
}
