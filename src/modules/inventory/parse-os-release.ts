import { clip } from './clip.ts';
import type { OsRelease } from '../../protocol/inventory.ts';

const maxValueLength = 256;

/**
 * Parses os-release(5): `KEY=value` lines with shell-style quoting. Values are
 * never evaluated; a line that is not a plain assignment is ignored. Missing
 * ID, NAME and PRETTY_NAME take the defaults the format specifies.
 */
export function parseOsRelease(text: string): OsRelease {
  const fields = new Map<string, string>();
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const equals = line.indexOf('=');
    if (equals <= 0) continue;
    const key = line.slice(0, equals);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) continue;
    const value = unquote(line.slice(equals + 1));
    if (value !== null) fields.set(key, clip(value, maxValueLength));
  }
  const release: OsRelease = {
    id: fields.get('ID') ?? 'linux',
    idLike: (fields.get('ID_LIKE') ?? '').split(/\s+/).filter((word) => word !== ''),
    name: fields.get('NAME') ?? 'Linux',
    prettyName: fields.get('PRETTY_NAME') ?? 'Linux',
  };
  const version = fields.get('VERSION');
  const versionId = fields.get('VERSION_ID');
  const versionCodename = fields.get('VERSION_CODENAME');
  if (version !== undefined) release.version = version;
  if (versionId !== undefined) release.versionId = versionId;
  if (versionCodename !== undefined) release.versionCodename = versionCodename;
  return release;
}

/**
 * One shell word: double quotes honour backslash before $ " \ ` (as the shell
 * does), single quotes are literal, an unquoted backslash escapes any
 * character. Unquoted whitespace ends the value. Null for an unterminated quote.
 */
function unquote(raw: string): string | null {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const c = raw.charAt(i);
    if (c === '"') {
      i++;
      while (i < raw.length && raw.charAt(i) !== '"') {
        if (raw.charAt(i) === '\\' && i + 1 < raw.length && '$"\\`'.includes(raw.charAt(i + 1))) i++;
        out += raw.charAt(i);
        i++;
      }
      if (i >= raw.length) return null;
      i++;
    } else if (c === "'") {
      const close = raw.indexOf("'", i + 1);
      if (close < 0) return null;
      out += raw.slice(i + 1, close);
      i = close + 1;
    } else if (c === '\\') {
      out += raw.charAt(i + 1);
      i += 2;
    } else if (c === ' ' || c === '\t') {
      break;
    } else {
      out += c;
      i++;
    }
    if (out.length > maxValueLength) break;
  }
  return out;
}
