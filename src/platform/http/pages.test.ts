import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/index.ts';
import { identityName } from './pages.ts';

describe('how a page names who is logged in', () => {
  const t = translator('nl');
  it('names a company logged in for one vestiging with that vestiging, also when its name is known', () => {
    const vestiging = { type: 'bedrijf', kvkNummer: '69599084', vestigingsnummer: '000038509504' } as const;
    expect(identityName({ method: 'eherkenning', subject: vestiging, subjectName: 'Bakkerij Van den Berg B.V.' }, t)).toBe(
      'Bakkerij Van den Berg B.V., vestiging 000038509504',
    );
    expect(identityName({ method: 'eherkenning', subject: vestiging }, t)).toContain('vestiging 000038509504');
    expect(identityName({ method: 'eherkenning', subject: { type: 'bedrijf', kvkNummer: '69599084' }, subjectName: 'Bakkerij Van den Berg B.V.' }, t)).toBe(
      'Bakkerij Van den Berg B.V.',
    );
  });

  it('names a person by name, or by the last digits of the BSN only', () => {
    expect(identityName({ method: 'digid', subject: { type: 'persoon', bsn: '999993653' }, subjectName: 'Suzanne de Vries' }, t)).toBe('Suzanne de Vries');
    const unnamed = identityName({ method: 'digid', subject: { type: 'persoon', bsn: '999993653' } }, t);
    expect(unnamed).toContain('3653');
    expect(unnamed).not.toContain('999993653');
  });
});
