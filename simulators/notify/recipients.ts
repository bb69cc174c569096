/**
 * Recipient checks as NotifyNL does them (notifications-utils: email_address.py and the NotifyNL
 * phone_number.py), with the messages its v2 API gives in a ValidationError.
 *
 * E-mail: the same pattern, length and host-name rules as Notify. Phone: Dutch numbers are
 * parsed as Dutch (06…, +316…, 00316…, 316…) and must be mobile numbers (06 + 8 digits);
 * other numbers with a country code (+44…, 0032…) are accepted when they have 8 to 15 digits, as
 * for a service that may send abroad. Notify itself checks those against each country's
 * numbering plan (libphonenumber); the simulator does not.
 */

export type Checked = { ok: true; normalised: string } | { ok: false; message: string };

const localPart = "a-zA-Z0-9.!#$%&'*+/=?^_`{|}~\\-";
const emailPattern = new RegExp(`^[${localPart}]+@([^.@][^@\\s]+)$`);
const hostnamePart = /^(xn|[a-z0-9]+)(-?-[a-z0-9]+)*$/i;
const tldPart = /^([a-z]{2,63}|xn--([a-z0-9]+-)*[a-z0-9]+)$/i;
// Notify strips ordinary and "obscure" whitespace (zero-width spaces and the like) at both ends.
const obscureWhitespace = /^[\s\u180E\u200B-\u200D\u2060\uFEFF]+|[\s\u180E\u200B-\u200D\u2060\uFEFF]+$/g;

export function checkEmailAddress(input: string): Checked {
  const invalid = { ok: false, message: 'Not a valid email address' } as const;
  const address = input.replace(obscureWhitespace, '');
  const match = emailPattern.exec(address);
  if (!match || address.length > 320 || address.includes('..')) return invalid;
  let hostname: string;
  try {
    // IDNA: a host name with accents is checked in its punycode form, as Notify does.
    hostname = new URL(`http://${match[1]}`).hostname;
  } catch {
    return invalid;
  }
  const parts = hostname.split('.');
  if (hostname.length > 253 || parts.length < 2) return invalid;
  if (parts.some((part) => part.length === 0 || part.length > 63 || !hostnamePart.test(part))) return invalid;
  if (!tldPart.test(parts.at(-1)!)) return invalid;
  return { ok: true, normalised: address.toLowerCase() };
}

const dutchNationalLength = 9;

export function checkPhoneNumber(input: string): Checked {
  const trimmed = input.replace(obscureWhitespace, '');
  if (/[^\d\s()+\-.]/.test(trimmed) || trimmed.lastIndexOf('+') > 0) return { ok: false, message: 'Must not contain letters or symbols' };
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length === 0) return { ok: false, message: 'Not enough digits' };

  let international: string | undefined;
  if (trimmed.startsWith('+')) international = digits;
  else if (digits.startsWith('00')) international = digits.slice(2);

  if (international === undefined) {
    // No country code: a Dutch number, with or without its trunk 0, or with 31 in front.
    if (digits.startsWith('0')) return dutch(digits.slice(1));
    if (digits.startsWith('31') && digits.length === 2 + dutchNationalLength) return dutch(digits.slice(2));
    return dutch(digits);
  }
  if (international.startsWith('31')) return dutch(international.slice(2));
  if (international.startsWith('0')) return { ok: false, message: 'Not a valid country prefix' };
  if (international.length < 8) return { ok: false, message: 'Not enough digits' };
  if (international.length > 15) return { ok: false, message: 'Too many digits' };
  return { ok: true, normalised: `+${international}` };
}

function dutch(national: string): Checked {
  if (national.length < dutchNationalLength) return { ok: false, message: 'Not enough digits' };
  if (national.length > dutchNationalLength) return { ok: false, message: 'Too many digits' };
  if (!national.startsWith('6')) return { ok: false, message: 'Not a dutch mobile number' };
  return { ok: true, normalised: `+31${national}` };
}
