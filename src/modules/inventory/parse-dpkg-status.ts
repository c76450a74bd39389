import { clip } from './clip.ts';
import { forEachLine } from './for-each-line.ts';
import type { InstalledPackage } from '../../protocol/inventory.ts';

export const installedStatus = 'install ok installed';

const wantedFields = new Set(['package', 'version', 'architecture', 'source', 'status']);

/**
 * Parses dpkg's database (`/var/lib/dpkg/status`, optionally followed by the
 * files of `/var/lib/dpkg/updates/`). Returns every stanza that names a
 * package and a version, whatever its Status, so the caller decides what
 * counts as installed (see `installedStatus`). A later stanza for the same
 * package and architecture replaces an earlier one, as dpkg applies updates.
 * Field names are case-insensitive, as in dpkg; continuation lines (multi-line
 * fields such as Description) are skipped, so their text can never pose as a field.
 */
export function parseDpkgStatus(data: Buffer): InstalledPackage[] {
  const packages = new Map<string, InstalledPackage>();
  let fields = new Map<string, string>();
  const endStanza = (): void => {
    const found = toPackage(fields);
    if (found !== null) {
      const key = `${found.name}:${found.architecture}`;
      packages.delete(key);
      packages.set(key, found);
    }
    fields = new Map();
  };
  forEachLine(data, (line) => {
    if (line.trim() === '') {
      endStanza();
      return;
    }
    if (line.startsWith(' ') || line.startsWith('\t')) return;
    const colon = line.indexOf(':');
    if (colon <= 0) return;
    const field = line.slice(0, colon).trim().toLowerCase();
    if (wantedFields.has(field) && !fields.has(field)) fields.set(field, line.slice(colon + 1).trim());
  });
  endStanza();
  return [...packages.values()];
}

function toPackage(fields: Map<string, string>): InstalledPackage | null {
  const name = singleWord(fields.get('package'));
  const version = singleWord(fields.get('version'));
  if (name === '' || version === '') return null;
  const source = parseSource(fields.get('source') ?? '');
  return {
    manager: 'dpkg',
    name,
    version,
    architecture: singleWord(fields.get('architecture')),
    source: source.name === '' ? name : source.name,
    sourceVersion: source.version === '' ? version : source.version,
    status: clip(words(fields.get('status') ?? '').join(' '), 64),
  };
}

/** `Source: glibc` or, when the binary was rebuilt apart from its source, `Source: foo (1.2-3)`. */
function parseSource(value: string): { name: string; version: string } {
  const open = value.indexOf('(');
  if (open < 0 || !value.endsWith(')')) return { name: singleWord(value), version: '' };
  return { name: singleWord(value.slice(0, open)), version: singleWord(value.slice(open + 1, -1)) };
}

/** Package names, versions and architectures never contain whitespace; anything after it is noise. */
function singleWord(value: string | undefined): string {
  return clip(words(value ?? '')[0] ?? '', 256);
}

function words(value: string): string[] {
  return value.split(/[ \t]+/).filter((word) => word !== '');
}
