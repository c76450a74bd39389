import { z } from 'zod';

/* The host inventory an agent collects and the server stores; shared by agent, server and console. */

/** npm and pypi packages come from lockfiles (`vigil vuln scan --lockfile`), not from a host's package database. */
export const PackageManager = z.enum(['dpkg', 'apk', 'rpm', 'npm', 'pypi']);
export type PackageManager = z.infer<typeof PackageManager>;

/** The distribution package managers, the only ones patching drives. */
export const SystemPackageManager = PackageManager.extract(['dpkg', 'apk', 'rpm'], {
  error: (issue) => `patching drives dpkg, apk and rpm packages only, not ${String(issue.input)}`,
});
export type SystemPackageManager = z.infer<typeof SystemPackageManager>;

export const InstalledPackage = z
  .object({
    manager: PackageManager,
    name: z.string(),
    /** With the epoch when there is one (`1:2.3-4`), as the package manager compares it. */
    version: z.string(),
    /** Empty when the database does not record one. */
    architecture: z.string(),
    /** Security advisories are published per source package, so matching needs it. */
    source: z.string(),
    sourceVersion: z.string(),
    /** As the manager states it: dpkg `install ok installed`, apk and rpm `installed`. */
    status: z.string(),
    /** The lockfile an npm or pypi package was read from. */
    file: z.string().optional(),
  })
  .meta({ id: 'InventoryPackage' });
export type InstalledPackage = z.infer<typeof InstalledPackage>;

export const OsRelease = z
  .object({
    id: z.string(),
    idLike: z.array(z.string()),
    name: z.string(),
    prettyName: z.string(),
    version: z.string().optional(),
    versionId: z.string().optional(),
    versionCodename: z.string().optional(),
  })
  .meta({ id: 'InventoryOsRelease' });
export type OsRelease = z.infer<typeof OsRelease>;

export const AddressFamily = z.union([z.literal(4), z.literal(6)]);
export type AddressFamily = z.infer<typeof AddressFamily>;

export const NetworkAddress = z.object({
  interface: z.string(),
  family: AddressFamily,
  address: z.string(),
  cidr: z.string().nullable(),
  mac: z.string(),
  internal: z.boolean(),
});
export type NetworkAddress = z.infer<typeof NetworkAddress>;

export const HostInfo = z.object({
  hostname: z.string(),
  kernel: z.string(),
  /** Null when neither /etc/os-release nor /usr/lib/os-release exists. */
  os: OsRelease.nullable(),
  addresses: z.array(NetworkAddress),
});
export type HostInfo = z.infer<typeof HostInfo>;

export const ListeningSocket = z
  .object({
    protocol: z.enum(['tcp', 'udp']),
    family: AddressFamily,
    address: z.string(),
    port: z.number().int().min(0).max(65535),
    /** Absent when no visible process holds the socket (another PID namespace, or it just exited). */
    pid: z.number().int().optional(),
    /** The process's `comm`. */
    process: z.string().optional(),
    exe: z.string().optional(),
    /** The process's user, or the socket owner's when the process is unknown; a uid without a passwd entry is given as digits. */
    user: z.string().optional(),
  })
  .meta({ id: 'InventoryListeningSocket' });
export type ListeningSocket = z.infer<typeof ListeningSocket>;

export const LocalUser = z
  .object({
    name: z.string(),
    uid: z.number().int(),
    gid: z.number().int(),
    gecos: z.string(),
    home: z.string(),
    shell: z.string(),
    /** False for nologin-style shells; says nothing about passwords or keys. */
    loginCapable: z.boolean(),
  })
  .meta({ id: 'InventoryUser' });
export type LocalUser = z.infer<typeof LocalUser>;

export const LocalGroup = z
  .object({
    name: z.string(),
    gid: z.number().int(),
    /** Members listed in /etc/group; users whose primary group this is are not repeated here. */
    members: z.array(z.string()),
  })
  .meta({ id: 'InventoryGroup' });
export type LocalGroup = z.infer<typeof LocalGroup>;

export const SudoRule = z
  .object({
    /** Absolute path on the host, e.g. `/etc/sudoers.d/admins`. */
    file: z.string(),
    line: z.number().int(),
    /** As sudoers writes it: `alice`, `#1000`, `%admin`, `%#27`, `+netgroup` or `ALL`. */
    principal: z.string(),
    /** The User_Alias the principal was expanded from. */
    alias: z.string().optional(),
    hosts: z.string(),
    /** `root` when the rule names none; `ALL:ALL` style otherwise. */
    runAs: z.string(),
    commands: z.array(z.string()),
    /** True when the commands run without a password, by tag or by `Defaults !authenticate`. */
    nopasswd: z.boolean(),
  })
  .meta({ id: 'InventorySudoRule' });
export type SudoRule = z.infer<typeof SudoRule>;

export const EnabledService = z
  .object({
    manager: z.enum(['systemd', 'sysv']),
    /** Unit name (`ssh.service`) or init script name (`postgresql`). */
    name: z.string(),
    /** The target that wants it (`multi-user.target`) or the rc directory (`rc2.d`). */
    wantedBy: z.string(),
    /** Enabled by the vendor under /lib or /usr/lib rather than by an administrator under /etc. */
    static: z.boolean(),
  })
  .meta({ id: 'InventoryService' });
export type EnabledService = z.infer<typeof EnabledService>;

export const ProcessInfo = z
  .object({
    pid: z.number().int(),
    ppid: z.number().int(),
    /** `comm`, at most 15 bytes on Linux and chosen by the process itself. */
    name: z.string(),
    /** Effective uid; absent when /proc/<pid>/status could not be read. */
    uid: z.number().int().optional(),
    user: z.string().optional(),
    /** Arguments joined by spaces, cut at a fixed length; empty for kernel threads. */
    cmdline: z.string(),
  })
  .meta({ id: 'InventoryProcess' });
export type ProcessInfo = z.infer<typeof ProcessInfo>;

export const CollectorName = z.enum([
  'host',
  'dpkg',
  'apk',
  'rpm',
  'listeners',
  'users',
  'groups',
  'sudo',
  'services',
  'processes',
]);
export type CollectorName = z.infer<typeof CollectorName>;

export const CollectorError = z.object({ collector: CollectorName, message: z.string() });
export type CollectorError = z.infer<typeof CollectorError>;

export const Inventory = z
  .object({
    schemaVersion: z.literal(1),
    collectedAt: z.string(),
    host: HostInfo,
    /** dpkg packages in state `install ok installed`, and every apk and rpm package. */
    packages: z.array(InstalledPackage),
    /** dpkg packages part-way through an install, upgrade or removal: their files may be on disk. */
    otherPackages: z.array(InstalledPackage),
    listeners: z.array(ListeningSocket),
    users: z.array(LocalUser),
    groups: z.array(LocalGroup),
    sudoRules: z.array(SudoRule),
    services: z.array(EnabledService),
    processes: z.array(ProcessInfo),
    /**
     * A collector that failed outright leaves its section empty (never partial) and one entry
     * here; sudo also lists each unreadable file or statement it could not parse.
     */
    errors: z.array(CollectorError),
  })
  .meta({ id: 'Inventory' });
export type Inventory = z.infer<typeof Inventory>;

function change<const K extends readonly [string, ...string[]], S extends z.ZodType>(kinds: K, entity: S) {
  return z.object({
    kind: z.enum(kinds),
    /** Stable across collections: never contains a pid, line number or time. */
    key: z.string(),
    before: entity.optional(),
    after: entity.optional(),
  });
}

export const PackageChange = change(
  ['package.added', 'package.removed', 'package.version_changed'],
  InstalledPackage,
);
export type PackageChange = z.infer<typeof PackageChange>;
export const PortChange = change(['port.opened', 'port.closed'], ListeningSocket);
export type PortChange = z.infer<typeof PortChange>;
export const UserChange = change(['user.added', 'user.removed', 'user.changed'], LocalUser);
export type UserChange = z.infer<typeof UserChange>;
export const GroupChange = change(['group.added', 'group.removed', 'group.changed'], LocalGroup);
export type GroupChange = z.infer<typeof GroupChange>;
export const SudoRuleChange = change(['sudo.rule_added', 'sudo.rule_removed'], SudoRule);
export type SudoRuleChange = z.infer<typeof SudoRuleChange>;
export const ServiceChange = change(['service.enabled', 'service.disabled'], EnabledService);
export type ServiceChange = z.infer<typeof ServiceChange>;

export const InventoryChange = z
  .union([PackageChange, PortChange, UserChange, GroupChange, SudoRuleChange, ServiceChange])
  .meta({ id: 'InventoryChange' });
export type InventoryChange = z.infer<typeof InventoryChange>;
export type InventoryChangeKind = InventoryChange['kind'];

/** What agents send and the server keeps: processes churn too fast to be worth a snapshot. */
export const InventorySnapshot = Inventory.omit({ processes: true }).meta({ id: 'InventorySnapshot' });
export type InventorySnapshot = z.infer<typeof InventorySnapshot>;

export const HostInventory = z
  .object({
    agentId: z.string(),
    collectedAt: z.string(),
    receivedAt: z.string(),
    inventory: InventorySnapshot,
  })
  .meta({ id: 'HostInventory' });
export type HostInventory = z.infer<typeof HostInventory>;
