/*
 * CEF escaping as ArcSight's "Implementing ArcSight CEF" (section "Character
 * Encoding") defines it: in the header a pipe and a backslash are escaped with
 * a backslash; in extension values a backslash and an equals sign are, and
 * line breaks are written as `\n` and `\r`, the only place multi-line text may
 * appear. The header may not hold a line break at all, so it becomes a space.
 *
 * The spec says nothing of other control characters; they would reach a SIEM
 * analyst's screen raw, so tabs become spaces and the rest U+FFFD.
 */
const otherControls = /[\0-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g;

function withoutControls(text: string): string {
  return text.replaceAll('\t', ' ').replace(otherControls, '\uFFFD');
}

export function cefHeaderField(text: string): string {
  return withoutControls(text)
    .replace(/[\\|]/g, (char) => `\\${char}`)
    .replace(/\r\n|[\r\n]/g, ' ');
}

const extensionEscapes: Record<string, string> = { '\\': '\\\\', '=': '\\=', '\n': '\\n', '\r': '\\r' };

export function cefExtensionValue(text: string): string {
  return withoutControls(text).replace(/[\\=\r\n]/g, (char) => extensionEscapes[char] ?? char);
}
