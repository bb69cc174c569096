/**
 * Who is logged in and on whose behalf. The subject is the person or company whose affairs
 * are shown (every source call for personal data is derived from it); the actor is who
 * actually logged in when that is someone else (DigiD Machtigen).
 */
export type LoginMethod = 'digid' | 'eherkenning';

export type Subject = { type: 'persoon'; bsn: string } | { type: 'bedrijf'; kvkNummer: string; vestigingsnummer?: string };

export interface Identity {
  method: LoginMethod;
  subject: Subject;
  /** The subject's name as the identity provider gave it, if it did. */
  subjectName?: string;
  /** Present when someone acts for the subject (gemachtigde). */
  actor?: { bsn: string; name?: string };
}

export function isLoginMethod(value: unknown): value is LoginMethod {
  return value === 'digid' || value === 'eherkenning';
}
