/**
 * End of the run of printable ASCII at `at` if it is 1 to `maxLength` characters long and is
 * followed by a space or the end of the text; undefined otherwise. Never looks further than
 * `maxLength + 1` characters, so a long hostile line costs no more than a short one.
 */
export function readToken(text: string, at: number, maxLength: number): number | undefined {
  let i = at;
  while (i - at <= maxLength && i < text.length) {
    const code = text.charCodeAt(i);
    if (code < 33 || code > 126) break;
    i++;
  }
  if (i === at || i - at > maxLength) return undefined;
  return i === text.length || text[i] === ' ' ? i : undefined;
}
