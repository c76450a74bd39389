import { readdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { clip } from './clip.ts';
import { compareText } from './compare-text.ts';
import { isMissing } from './read-text-file.ts';
import type { EnabledService } from '../../protocol/inventory.ts';

/** Administrator links first; /lib is /usr/lib on merged-/usr systems and is then read once. */
const systemdDirectories = [
  { path: 'etc/systemd/system', static: false },
  { path: 'lib/systemd/system', static: true },
  { path: 'usr/lib/systemd/system', static: true },
];
const wantsSuffixes = ['.wants', '.requires'];
const sysvDirectories = ['0', '1', '2', '3', '4', '5', '6', 'S'].map((level) => `rc${level}.d`);

/**
 * Enabled services as the filesystem records them, without asking systemd:
 * unit links in `*.wants/` and `*.requires/` directories (what `systemctl
 * enable` creates) and SysV `S*` links in /etc/rc?.d. Only names are read;
 * links are never followed.
 */
export async function collectEnabledServices(root: string): Promise<EnabledService[]> {
  const services = new Map<string, EnabledService>();
  const add = (service: EnabledService): void => {
    const key = `${service.manager}|${service.wantedBy}|${service.name}|${service.static}`;
    if (!services.has(key)) services.set(key, service);
  };
  const seen = new Set<string>();
  for (const directory of systemdDirectories) {
    const base = join(root, directory.path);
    let real: string;
    try {
      real = await realpath(base);
    } catch (error) {
      if (isMissing(error)) continue;
      throw error;
    }
    if (seen.has(real)) continue;
    seen.add(real);
    for (const entry of await readdir(base, { withFileTypes: true })) {
      const suffix = wantsSuffixes.find((ending) => entry.name.endsWith(ending));
      if (suffix === undefined || !entry.isDirectory()) continue;
      const wantedBy = clip(entry.name.slice(0, -suffix.length), 256);
      for (const name of await listNames(join(base, entry.name))) {
        add({ manager: 'systemd', name, wantedBy, static: directory.static });
      }
    }
  }
  for (const directory of sysvDirectories) {
    for (const name of await listNames(join(root, 'etc', directory))) {
      const script = sysvScript(name);
      if (script !== null) add({ manager: 'sysv', name: script, wantedBy: directory, static: false });
    }
  }
  return [...services.values()].sort(
    (a, b) =>
      compareText(a.manager, b.manager) || compareText(a.name, b.name) || compareText(a.wantedBy, b.wantedBy),
  );
}

async function listNames(directory: string): Promise<string[]> {
  try {
    return (await readdir(directory)).filter((name) => !name.startsWith('.')).map((name) => clip(name, 256));
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}

/** `S01postgresql` starts `postgresql`; `K01...` links stop services and are not counted. */
function sysvScript(link: string): string | null {
  if (!link.startsWith('S')) return null;
  let start = 1;
  while (start < link.length && start <= 3 && link.charAt(start) >= '0' && link.charAt(start) <= '9') start++;
  return start > 1 && start < link.length ? link.slice(start) : null;
}
