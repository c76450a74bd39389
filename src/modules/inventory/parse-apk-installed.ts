import { clip } from './clip.ts';
import { forEachLine } from './for-each-line.ts';
import type { InstalledPackage } from '../../protocol/inventory.ts';

/**
 * Parses Alpine's `/lib/apk/db/installed`: blank-line separated stanzas of
 * one-letter `K:value` lines, of which P (name), V (version), A (architecture)
 * and o (origin, the source package) matter here. Everything in that file is installed.
 */
export function parseApkInstalled(data: Buffer): InstalledPackage[] {
  const packages = new Map<string, InstalledPackage>();
  let fields = new Map<string, string>();
  const endStanza = (): void => {
    const name = fields.get('P') ?? '';
    const version = fields.get('V') ?? '';
    if (name !== '' && version !== '') {
      packages.delete(name);
      packages.set(name, {
        manager: 'apk',
        name,
        version,
        architecture: fields.get('A') ?? '',
        source: fields.get('o') ?? name,
        sourceVersion: version,
        status: 'installed',
      });
    }
    fields = new Map();
  };
  forEachLine(data, (untrimmed) => {
    const line = untrimmed.trim();
    if (line === '') {
      endStanza();
      return;
    }
    if (line[1] !== ':') return;
    const key = line.slice(0, 1);
    const value = clip(line.slice(2).trim(), 256);
    if ('PVAo'.includes(key) && value !== '' && !fields.has(key)) fields.set(key, value);
  });
  endStanza();
  return [...packages.values()];
}
