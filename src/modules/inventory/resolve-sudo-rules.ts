import type { SudoersEntry } from './parse-sudoers.ts';
import type { SudoRule } from '../../protocol/inventory.ts';

export interface LocatedSudoersEntry {
  /** Absolute path on the host. */
  file: string;
  entry: SudoersEntry;
}

const maxAliasDepth = 16;

/**
 * Turns the entries of every sudoers file, in the order sudo reads them
 * (includes expanded in place), into one rule per principal. User_Alias
 * names expand to their members (the first definition wins, as sudo refuses
 * duplicates); negated members (`!bob`) only narrow a list and are dropped.
 * A rule runs without a password when tagged NOPASSWD, or when untagged and
 * `authenticate` is off for its principal: a `Defaults:principal` setting
 * beats a global one, and a later setting beats an earlier one.
 */
export function resolveSudoRules(entries: readonly LocatedSudoersEntry[]): SudoRule[] {
  const aliases = new Map<string, string[]>();
  for (const { entry } of entries) {
    if (entry.type === 'userAlias' && !aliases.has(entry.name)) aliases.set(entry.name, entry.members);
  }
  // Memoized so aliases nesting aliases cannot multiply into an exponential expansion.
  const expanded = new Map<string, string[]>();
  const expand = (name: string, depth = 0): string[] => {
    if (name.startsWith('!')) return [];
    const members = aliases.get(name);
    if (members === undefined) return [name];
    const known = expanded.get(name);
    if (known !== undefined) return known;
    // A cycle, or nesting no real sudoers has, names nobody.
    if (depth >= maxAliasDepth) return [];
    expanded.set(name, []);
    const result = [...new Set(members.flatMap((member) => expand(member, depth + 1)))];
    expanded.set(name, result);
    return result;
  };

  let globalAuthenticate = true;
  const authenticateFor = new Map<string, boolean>();
  for (const { entry } of entries) {
    if (entry.type !== 'defaults') continue;
    if (entry.targets === null) globalAuthenticate = entry.authenticate;
    else
      for (const target of entry.targets.flatMap((name) => expand(name))) {
        authenticateFor.set(target, entry.authenticate);
      }
  }

  const rules: SudoRule[] = [];
  for (const { file, entry } of entries) {
    if (entry.type !== 'rule') continue;
    for (const listed of entry.principals) {
      const alias = aliases.has(listed) ? listed : undefined;
      for (const principal of expand(listed)) {
        const authenticate = authenticateFor.get(principal) ?? globalAuthenticate;
        rules.push({
          file,
          line: entry.line,
          principal,
          ...(alias === undefined ? {} : { alias }),
          hosts: entry.hosts,
          runAs: entry.runAs,
          commands: entry.commands,
          nopasswd: entry.nopasswd ?? !authenticate,
        });
      }
    }
  }
  return rules;
}
