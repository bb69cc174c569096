import { describe, expect, it } from 'vitest';
import { redactText } from './logging.ts';
import { testApp } from '../../test/support/app.ts';

describe('log redaction', () => {
  it.each([
    ['BSN', 'lookup for 999993653 failed', '999993653'],
    ['KvK number', 'company 69599084 not found', '69599084'],
    ['vestigingsnummer', 'vestiging 000038509490', '000038509490'],
    ['e-mail address', 'sent to suzanne.moulin@example.nl', 'suzanne.moulin@example.nl'],
    ['mobile number', 'sms to 06-12345678', '06-12345678'],
    ['international number', 'sms to +31 6 12345678', '+31 6 12345678'],
    ['bearer token', 'Authorization: Bearer abc.def-ghi', 'abc.def-ghi'],
    ['JWT', 'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig', 'eyJhbGciOiJIUzI1NiJ9'],
  ])('removes a %s', (_kind, text, secret) => {
    expect(redactText(text)).not.toContain(secret);
  });

  it('keeps ordinary numbers such as durations and status codes', () => {
    expect(redactText('answered 503 after 1234.5 ms')).toBe('answered 503 after 1234.5 ms');
  });

  it('keeps personal data out of what the app logs, also in query strings and errors', async () => {
    const t = await testApp();
    try {
      await t.app.inject({
        url: '/bestaat-niet?bsn=999993653&email=a@b.nl',
        headers: { cookie: 'voordeur_session=secret-token-value', authorization: 'Bearer secret-token-value' },
      });
      t.app.log.error(new Error('BRP answered 404 for 999993653'), 'lookup failed for suzanne@example.nl');
      const all = t.logs.join('\n');
      expect(all).toContain('lookup failed');
      for (const secret of ['999993653', 'a@b.nl', 'suzanne@example.nl', 'secret-token-value']) expect(all).not.toContain(secret);
    } finally {
      await t.close();
    }
  });

  it('logs a thrown string or object as err, scrubbed, instead of failing inside the logger', async () => {
    const t = await testApp();
    try {
      t.app.log.warn({ err: 'timeout for 999993653' }, 'look failed');
      t.app.log.warn({ err: { status: 500 } }, 'other look failed');
      const all = t.logs.join('\n');
      expect(all).toContain('timeout for [number]');
      expect(all).toContain('other look failed');
      expect(all).not.toContain('999993653');
    } finally {
      await t.close();
    }
  });
});
