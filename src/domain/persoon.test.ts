import { describe, expect, it } from 'vitest';
import { formatPhoneNumber, isEmailAddress, joinName, normalisePhoneNumber } from './persoon.ts';

describe('contact details as people type them', () => {
  it('reads Dutch and international phone numbers, and refuses what is not one', () => {
    expect(normalisePhoneNumber('06 12345678')).toBe('+31612345678');
    expect(normalisePhoneNumber('06-1234 5678')).toBe('+31612345678');
    expect(normalisePhoneNumber('+31 6 12345678')).toBe('+31612345678');
    expect(normalisePhoneNumber('0031612345678')).toBe('+31612345678');
    expect(normalisePhoneNumber('+44 7700 900123')).toBe('+447700900123');
    expect(normalisePhoneNumber('0612345')).toBeUndefined();
    expect(normalisePhoneNumber('+316123456789')).toBeUndefined();
    expect(normalisePhoneNumber('bel me')).toBeUndefined();
  });

  it('writes a stored number as the form asks for it, so it looks the same before and after confirming', () => {
    expect(formatPhoneNumber(normalisePhoneNumber('06-1234 5678')!)).toBe('06 12345678');
    expect(formatPhoneNumber('+31201234567')).toBe('0201234567');
    expect(formatPhoneNumber('+447700900123')).toBe('+447700900123');
  });

  it('accepts ordinary e-mail addresses only', () => {
    expect(isEmailAddress('suzanne.devries@example.nl')).toBe(true);
    expect(isEmailAddress('a+b@sub.example.co.uk')).toBe(true);
    expect(isEmailAddress('suzanne@example')).toBe(false);
    expect(isEmailAddress('suzanne example.nl')).toBe(false);
    expect(isEmailAddress('a@b@example.nl')).toBe(false);
    expect(isEmailAddress(`${'a'.repeat(250)}@example.nl`)).toBe(false);
  });

  it('joins the parts of a name that are there', () => {
    expect(joinName('Pieter', 'van den', 'Berg')).toBe('Pieter van den Berg');
    expect(joinName('Jan', undefined, 'Jansen')).toBe('Jan Jansen');
  });
});
