import { compareText } from './compare-text.ts';
import type {
  EnabledService,
  InstalledPackage,
  Inventory,
  InventoryChange,
  ListeningSocket,
  LocalGroup,
  LocalUser,
  SudoRule,
} from '../../protocol/inventory.ts';

/**
 * What changed between two inventories of one host, section by section and
 * sorted by key within each. Keys leave out what changes without meaning
 * anything (pids, file line numbers), so a restarted service or a reordered
 * sudoers file yields no events. Processes and host details are not compared.
 */
export function diffInventory(previous: Inventory, next: Inventory): InventoryChange[] {
  return [
    ...diffPackages(previous.packages, next.packages),
    ...diffListeners(previous.listeners, next.listeners),
    ...diffUsers(previous.users, next.users),
    ...diffGroups(previous.groups, next.groups),
    ...diffSudoRules(previous.sudoRules, next.sudoRules),
    ...diffServices(previous.services, next.services),
  ];
}

function packageKey(entry: InstalledPackage): string {
  const base = `${entry.manager}:${entry.name}`;
  return entry.architecture === '' ? base : `${base}:${entry.architecture}`;
}

function listenerKey(entry: ListeningSocket): string {
  const host = entry.family === 6 ? `[${entry.address}]` : entry.address;
  const base = `${entry.protocol} ${host}:${entry.port}`;
  return entry.process === undefined ? base : `${base} ${entry.process}`;
}

function sudoRuleKey(rule: SudoRule): string {
  const tag = rule.nopasswd ? 'NOPASSWD: ' : '';
  return `${rule.principal} ${rule.hosts}=(${rule.runAs}) ${tag}${rule.commands.join(', ')}`;
}

function serviceKey(service: EnabledService): string {
  return `${service.manager}:${service.wantedBy}/${service.name}`;
}

/**
 * Packages are grouped by manager, name and architecture because rpm keeps
 * several versions of one package (kernels). One version on each side that
 * differs is an upgrade or downgrade; otherwise each version that appears or
 * disappears is its own event.
 */
function diffPackages(
  before: readonly InstalledPackage[],
  after: readonly InstalledPackage[],
): InventoryChange[] {
  const changes: InventoryChange[] = [];
  const old = groupBy(before, packageKey);
  const current = groupBy(after, packageKey);
  for (const key of sortedKeys(old, current)) {
    const was = old.get(key) ?? [];
    const now = current.get(key) ?? [];
    const gone = was.filter((entry) => !now.some((other) => other.version === entry.version));
    const came = now.filter((entry) => !was.some((other) => other.version === entry.version));
    const [from] = gone;
    const [to] = came;
    if (was.length === 1 && now.length === 1 && from !== undefined && to !== undefined) {
      changes.push({ kind: 'package.version_changed', key, before: from, after: to });
      continue;
    }
    for (const entry of gone) changes.push({ kind: 'package.removed', key, before: entry });
    for (const entry of came) changes.push({ kind: 'package.added', key, after: entry });
  }
  return changes;
}

function diffListeners(
  before: readonly ListeningSocket[],
  after: readonly ListeningSocket[],
): InventoryChange[] {
  const { added, removed } = compareKeyed(before, after, listenerKey);
  return [
    ...added.map(([key, entry]): InventoryChange => ({ kind: 'port.opened', key, after: entry })),
    ...removed.map(([key, entry]): InventoryChange => ({ kind: 'port.closed', key, before: entry })),
  ];
}

function diffUsers(before: readonly LocalUser[], after: readonly LocalUser[]): InventoryChange[] {
  const { added, removed, kept } = compareKeyed(before, after, (user) => user.name);
  return [
    ...added.map(([key, entry]): InventoryChange => ({ kind: 'user.added', key, after: entry })),
    ...removed.map(([key, entry]): InventoryChange => ({ kind: 'user.removed', key, before: entry })),
    ...kept
      .filter(
        ([, was, now]) =>
          was.uid !== now.uid || was.gid !== now.gid || was.home !== now.home || was.shell !== now.shell,
      )
      .map(([key, was, now]): InventoryChange => ({ kind: 'user.changed', key, before: was, after: now })),
  ];
}

function diffGroups(before: readonly LocalGroup[], after: readonly LocalGroup[]): InventoryChange[] {
  const { added, removed, kept } = compareKeyed(before, after, (group) => group.name);
  const members = (group: LocalGroup): string => [...new Set(group.members)].sort(compareText).join(',');
  return [
    ...added.map(([key, entry]): InventoryChange => ({ kind: 'group.added', key, after: entry })),
    ...removed.map(([key, entry]): InventoryChange => ({ kind: 'group.removed', key, before: entry })),
    ...kept
      .filter(([, was, now]) => was.gid !== now.gid || members(was) !== members(now))
      .map(([key, was, now]): InventoryChange => ({ kind: 'group.changed', key, before: was, after: now })),
  ];
}

function diffSudoRules(before: readonly SudoRule[], after: readonly SudoRule[]): InventoryChange[] {
  const { added, removed } = compareKeyed(before, after, sudoRuleKey);
  return [
    ...added.map(([key, entry]): InventoryChange => ({ kind: 'sudo.rule_added', key, after: entry })),
    ...removed.map(([key, entry]): InventoryChange => ({ kind: 'sudo.rule_removed', key, before: entry })),
  ];
}

function diffServices(
  before: readonly EnabledService[],
  after: readonly EnabledService[],
): InventoryChange[] {
  const { added, removed } = compareKeyed(before, after, serviceKey);
  return [
    ...added.map(([key, entry]): InventoryChange => ({ kind: 'service.enabled', key, after: entry })),
    ...removed.map(([key, entry]): InventoryChange => ({ kind: 'service.disabled', key, before: entry })),
  ];
}

interface Keyed<T> {
  added: [string, T][];
  removed: [string, T][];
  kept: [string, T, T][];
}

/** Set difference by key; on duplicate keys the first entry stands, as the first passwd line does for a name. */
function compareKeyed<T>(before: readonly T[], after: readonly T[], keyOf: (item: T) => string): Keyed<T> {
  const old = firstByKey(before, keyOf);
  const current = firstByKey(after, keyOf);
  const result: Keyed<T> = { added: [], removed: [], kept: [] };
  for (const key of sortedKeys(old, current)) {
    const was = old.get(key);
    const now = current.get(key);
    if (was === undefined && now !== undefined) result.added.push([key, now]);
    else if (was !== undefined && now === undefined) result.removed.push([key, was]);
    else if (was !== undefined && now !== undefined) result.kept.push([key, was, now]);
  }
  return result;
}

function firstByKey<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    if (!map.has(key)) map.set(key, item);
  }
  return map;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = map.get(key);
    if (list === undefined) map.set(key, [item]);
    else list.push(item);
  }
  return map;
}

function sortedKeys(a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].sort(compareText);
}
