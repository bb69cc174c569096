import { describe, expect, it } from 'vitest';
import { storedFileName } from './file-name.ts';

describe('storedFileName', () => {
  it.each([
    ['scan.pdf', 'application/pdf', 'scan.pdf'],
    ['foto.JPEG', 'image/jpeg', 'foto.JPEG'],
    ['foto.jpg', 'image/jpeg', 'foto.jpg'],
    ['scan.png', 'application/pdf', 'scan.pdf'],
    ['factuur.pdf', 'image/png', 'factuur.png'],
    ['virus.pdf.exe', 'application/pdf', 'virus.pdf.pdf'],
    ['rapport.html', 'application/pdf', 'rapport.pdf'],
    ['scan', 'application/pdf', 'scan.pdf'],
    ['.pdf', 'application/pdf', 'document.pdf'],
    ['', 'image/png', 'document.png'],
    ['notities.txt', 'text/plain', 'notities.txt'],
    ['notities.csv', 'text/plain; charset=utf-8', 'notities.txt'],
    ['brief van de gemeente.v2.pdf', 'application/pdf', 'brief van de gemeente.v2.pdf'],
    ['C:\\fakepath\\aanvraag.pdf', 'application/pdf', 'aanvraag.pdf'],
    ['../../etc/passwd', 'text/plain', 'passwd.txt'],
    ['a\u0000b\nc.pdf', 'application/pdf', 'abc.pdf'],
    ['aanvraag. ', 'application/pdf', 'aanvraag.pdf'],
  ])('%j with content %s is stored as %j', (given, type, expected) => {
    expect(storedFileName(given, type)).toBe(expected);
  });

  it('keeps an unknown type’s name as given', () => {
    expect(storedFileName('model.step', 'application/x-step')).toBe('model.step');
  });

  it('keeps at most 255 characters, the extension included', () => {
    const name = storedFileName(`${'a'.repeat(300)}.png`, 'application/pdf');
    expect(name).toHaveLength(255);
    expect(name.endsWith('a.pdf')).toBe(true);
  });
});
