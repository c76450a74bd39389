/**
 * The request target with percent-escapes and `+` decoded, twice, as a server that decodes
 * twice would see it (`%252e%252e%252f` is `../`). Attack rules match this (`url_decoded`),
 * so one rule covers every encoding. Invalid escapes are kept as sent; never throws.
 */
export function decodeUrl(target: string): string {
  return decodeOnce(decodeOnce(target));
}

function decodeOnce(text: string): string {
  if (!text.includes('%') && !text.includes('+')) return text;
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    // Byte by byte: a lone bad escape must not leave the rest undecoded.
    return spaced.replace(/%[0-9A-Fa-f]{2}/g, (escape) => String.fromCharCode(parseInt(escape.slice(1), 16)));
  }
}
