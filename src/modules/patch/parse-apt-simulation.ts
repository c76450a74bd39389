import type { PackageChange } from '../../protocol/patch-api.ts';
import { changeOf, type CompareVersions } from './change-action.ts';

/**
 * The package changes in `apt-get -s` output, from its `Inst` and `Remv` (or `Purg`) lines:
 *
 *     Remv vigil-e2e-old [1.0]
 *     Inst vigil-e2e-hello-data (1.0 localhost [all])
 *     Inst libssl3 [3.0.19-1~deb12u2] (3.0.22-1~deb12u2 Debian-Security:12/oldstable-security [amd64]) []
 *
 * The bracketed version is the installed one, the first word in parentheses the new one. `Conf`
 * lines repeat the `Inst` ones and are left out. Names keep apt's `:arch` for foreign packages.
 * Lines are cut with indexOf, never a regex, so a hostile line costs its length once.
 */
export function parseAptSimulation(text: string, compare: CompareVersions): PackageChange[] {
  const changes: PackageChange[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    const verb = line.slice(0, 5);
    if (verb !== 'Inst ' && verb !== 'Remv ' && verb !== 'Purg ') continue;
    const nameEnd = line.indexOf(' ', 5);
    const name = line.slice(5, nameEnd < 0 ? undefined : nameEnd);
    if (name === '') continue;
    const rest = nameEnd < 0 ? '' : line.slice(nameEnd + 1);
    const from = rest.startsWith('[') ? firstWord(rest.slice(1)) : null;
    const open = rest.indexOf('(');
    const to = verb === 'Inst ' && open >= 0 ? firstWord(rest.slice(open + 1)) : null;
    if (verb === 'Inst ' && to === null) continue;
    const change = changeOf(name, from, to, compare);
    if (change) changes.push(change);
  }
  return changes;
}

/** The text up to the first space or closing bracket; null when that is empty. */
function firstWord(text: string): string | null {
  let end = 0;
  while (end < text.length && !' \t)]'.includes(text.charAt(end))) end += 1;
  return end === 0 ? null : text.slice(0, end);
}
