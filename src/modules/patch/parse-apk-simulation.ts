import type { PackageChange } from '../../protocol/patch-api.ts';

const actions: Readonly<Record<string, PackageChange['action']>> = {
  Installing: 'install',
  Upgrading: 'upgrade',
  Downgrading: 'downgrade',
  Purging: 'remove',
};

/**
 * The package changes `apk upgrade --simulate …` (and a real run) prints, one per line:
 *
 *     (1/3) Upgrading musl (1.2.4-r1 -> 1.2.4-r2)
 *     (2/3) Installing libfoo (1.0-r0)
 *     (3/3) Purging bar (2.1-r3)
 *
 * Re-installs and replacements keep the version and are left out; `Executing …` trigger lines
 * are not changes. Cut with indexOf, never a regex.
 */
export function parseApkSimulation(text: string): PackageChange[] {
  const changes: PackageChange[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line.startsWith('(')) continue;
    const counterEnd = line.indexOf(') ');
    if (counterEnd < 0) continue;
    const words = line.slice(counterEnd + 2);
    const verbEnd = words.indexOf(' ');
    const action = verbEnd < 0 ? undefined : actions[words.slice(0, verbEnd)];
    if (action === undefined) continue;
    const nameEnd = words.indexOf(' (', verbEnd + 1);
    const close = words.lastIndexOf(')');
    if (nameEnd < 0 || close < nameEnd) continue;
    const name = words.slice(verbEnd + 1, nameEnd);
    const versions = words.slice(nameEnd + 2, close);
    const arrow = versions.indexOf(' -> ');
    const first = arrow < 0 ? versions : versions.slice(0, arrow);
    const second = arrow < 0 ? null : versions.slice(arrow + 4);
    if (name === '' || first === '') continue;
    if (action === 'install') changes.push({ name, from: null, to: first, action });
    else if (action === 'remove') changes.push({ name, from: first, to: null, action });
    else if (second) changes.push({ name, from: first, to: second, action });
  }
  return changes;
}
