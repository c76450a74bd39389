import type { PackageChange } from '../../protocol/patch-api.ts';

type Section = PackageChange['action'] | 'ignored';

/** Section headings of the transaction table, by their first word. */
const sectionActions: Readonly<Record<string, Section>> = {
  Installing: 'install',
  Upgrading: 'upgrade',
  Downgrading: 'downgrade',
  Removing: 'remove',
};

/**
 * The package changes in the transaction table that `dnf --assumeno upgrade …` prints (dnf 4 and
 * dnf 5) before it aborts:
 *
 *     Upgrading:
 *      openssl-libs          x86_64     1:3.0.7-25.el9_3        baseos       2.1 M
 *     Installing dependencies:
 *      python3-some-very-long-package-name
 *                            noarch     1.2-1.el9               appstream     50 k
 *
 * Rows are `name arch version repository size`; dnf 4 moves the rest of a row to the next line
 * after a column too long for its width. The table does not say what an upgrade replaces, except dnf 5's `replacing`
 * rows (and dnf 4's for obsoletes), so `installed` gives the version before. Reinstalls and
 * skipped packages change nothing and are left out.
 */
export function parseDnfTransaction(
  text: string,
  installed: (name: string) => string | null,
): PackageChange[] {
  const changes: PackageChange[] = [];
  let section: Section = 'ignored';
  let pending: string[] = [];
  let last: PackageChange | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (line.startsWith('Transaction Summary')) break;
    if (line === '' || line.startsWith('=')) continue;
    if (!line.startsWith(' ')) {
      pending = [];
      last = null;
      if (line.endsWith(':')) section = sectionActions[line.slice(0, wordEnd(line))] ?? 'ignored';
      continue;
    }
    if (section === 'ignored') continue;
    const words = line.trim().split(/\s+/);
    if (words[0] === 'replacing') {
      if (last) replacing(words.slice(1), last, changes);
      continue;
    }
    // dnf 4 wraps a row whose column overflows: the rest goes on the next line.
    const row = [...pending, ...words];
    if (row.length < 5) {
      pending = row;
      continue;
    }
    pending = [];
    const [name, , version] = row;
    if (name === undefined || version === undefined) continue;
    const change: PackageChange =
      section === 'remove'
        ? { name, from: version, to: null, action: 'remove' }
        : section === 'install'
          ? { name, from: null, to: version, action: 'install' }
          : { name, from: installed(name), to: version, action: section };
    changes.push(change);
    last = change;
  }
  return changes;
}

/**
 * A `replacing` row under a change: dnf 5 writes `name arch version …`, dnf 4 `name.arch
 * version`. The same name is the version the change replaces; another name is removed by it.
 */
function replacing(words: string[], change: PackageChange, changes: PackageChange[]): void {
  const [first = '', second, third] = words;
  const dnf5 = words.length >= 4;
  const name = dnf5 ? first : first.slice(0, Math.max(0, first.lastIndexOf('.')));
  const version = dnf5 ? third : second;
  if (name === '' || version === undefined) return;
  if (name === change.name) change.from = version;
  else changes.push({ name, from: version, to: null, action: 'remove' });
}

function wordEnd(line: string): number {
  const space = line.indexOf(' ');
  const colon = line.indexOf(':');
  return space < 0 ? colon : Math.min(space, colon);
}
