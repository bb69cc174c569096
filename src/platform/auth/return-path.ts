/**
 * Where a person may be sent back to after logging in or choosing a language (`?terug=`): only a
 * path on this site. A browser reads more as "another host" than one would think — `//host`,
 * `/\host`, `/%5Chost` after a proxy decodes it, a tab or newline inside `//` — so the rule is a
 * narrow allow list, not a deny list: printable ASCII that may stand in a URL, starting with one
 * `/`, and the same after percent-decoding (twice, for doubly encoded values). Anything else
 * gives undefined and the caller's default; never an exception, never a header Node refuses.
 */

/** The characters of a URL path and query (RFC 3986 pchar, "/", "?", "#" and "%"). No space, no backslash, no control character. */
const urlCharacters = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/?#%]*$/;
const maxLength = 512;

function decoded(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** Would a browser (or a proxy that decodes once more) read this as anything but a path on this site? */
function leavesSite(value: string): boolean {
  // Browsers treat "\" as "/" and drop tabs and newlines: "/\host" and "/\t/host" are "//host".
  const asBrowserSees = value.replace(/[\t\n\r]/g, '').replace(/\\/g, '/');
  if (!asBrowserSees.startsWith('/') || asBrowserSees.startsWith('//')) return true;
  for (const char of value) {
    const code = char.charCodeAt(0);
    if (code < 0x20 || code === 0x7f || char === '\\') return true;
  }
  return false;
}

export function safeReturnPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength) return undefined;
  if (!urlCharacters.test(value) || leavesSite(value)) return undefined;
  // Encoded variants (%2F%2F, %5C, %0A, %252F…): the decoded text must pass as well.
  let current = value;
  for (let round = 0; round < 2 && current.includes('%'); round++) {
    const next = decoded(current);
    // Malformed escapes in what was sent are refused; a literal "%" left after one decoding is text.
    if (next === undefined) {
      if (round === 0) return undefined;
      break;
    }
    if (leavesSite(next)) return undefined;
    current = next;
  }
  // Last check, by the URL parser browsers use: the same origin, the same path.
  const base = 'https://voordeur.invalid';
  let parsed: URL;
  try {
    parsed = new URL(value, base);
  } catch {
    return undefined;
  }
  if (parsed.origin !== base) return undefined;
  return value;
}
