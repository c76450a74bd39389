import { Cron } from 'croner';
import { z } from 'zod';
import { BlockAddress } from '../protocol/firewall.ts';
import { checkFamilies } from '../protocol/netscan.ts';
import { NetScanGroupName, NetScanPortSpec, NetScanTarget } from '../protocol/netscan-api.ts';

/**
 * An address or a CIDR range (`10.0.0.0/24`, `2001:db8::/48`): what a scope or an exclusion is made of.
 * The same grammar as a block's address (no leading zeros, no zone ids).
 */
export const NetRange = z
  .string()
  .refine(
    (value) => BlockAddress.safeParse(value).success,
    'an IPv4 or IPv6 address or CIDR range (`10.0.0.0/24`)',
  );

const CronPattern = z.string().refine((pattern) => {
  try {
    new Cron(pattern, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
}, 'a cron expression (`0 3 * * *`: every day at 03:00)');

const defaultChecks = [...checkFamilies];

/** A named set of targets the server scans together, on demand or on its schedule. */
const NetScanGroupConfig = z.strictObject({
  name: NetScanGroupName,
  targets: z.array(NetScanTarget).min(1).max(1024),
  /** Default `netscan.defaults.ports`. */
  ports: NetScanPortSpec.optional(),
  checks: z
    .array(z.enum(checkFamilies))
    .min(1)
    .max(checkFamilies.length)
    .default(() => [...defaultChecks]),
  /** Cron expression in the server's time zone; without one the group is scanned only on demand. */
  schedule: CronPattern.optional(),
  /** The internet reaches these hosts: exposure checks judge databases and admin services more harshly. */
  internetFacing: z.boolean().default(false),
});
export type NetScanGroupConfig = z.infer<typeof NetScanGroupConfig>;

const defaultDefaults = {
  ports: 'top-100',
  concurrency: 256,
  ratePerSecond: 2000,
  timeoutMs: 5000,
  maxAddresses: 4096,
};

/** Network audits run by the server; see docs/network-audits-server.md. */
export const NetScanConfigSchema = z
  .strictObject({
    /**
     * The only addresses a server scan may touch. Empty (the default): server scans are disabled
     * until it is configured; group targets and ad-hoc targets are cut to it, never widened.
     */
    scope: z.array(NetRange).max(1024).default([]),
    /** Never scanned, even inside the scope (a fragile device, someone else's network). */
    exclude: z.array(NetRange).max(1024).default([]),
    groups: z
      .array(NetScanGroupConfig)
      .max(200)
      .refine(
        (groups) => new Set(groups.map((g) => g.name)).size === groups.length,
        'group names must differ',
      )
      .default([]),
    defaults: z
      .strictObject({
        ports: NetScanPortSpec.default(defaultDefaults.ports),
        /** Connections in flight at once. */
        concurrency: z.number().int().min(1).max(10_000).default(defaultDefaults.concurrency),
        /** New connections per second, at most. */
        ratePerSecond: z.number().int().min(1).max(100_000).default(defaultDefaults.ratePerSecond),
        /** How long one service probe or check may take on one endpoint. */
        timeoutMs: z.number().int().min(100).max(120_000).default(defaultDefaults.timeoutMs),
        /** A scan whose targets expand to more addresses than this is refused. */
        maxAddresses: z.number().int().min(1).max(1_048_576).default(defaultDefaults.maxAddresses),
      })
      .default(defaultDefaults),
    /** Completed scans kept per group (and for ad-hoc scans), with their reports; older ones are deleted. */
    keepScans: z.number().int().min(2).max(10_000).default(100),
  })
  .default({ scope: [], exclude: [], groups: [], defaults: defaultDefaults, keepScans: 100 });
export type NetScanConfig = z.infer<typeof NetScanConfigSchema>;
