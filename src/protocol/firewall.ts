import { z } from 'zod';

/*
 * What the server tells an agent's firewall, as remote task params (src/protocol/tasks.ts).
 * Agents hold blocks in Vigil's own nftables table (`table inet vigil`), in sets whose
 * elements carry their own timeout, so a block expires on the host even when the server
 * cannot say so.
 */

/** One IPv4 or IPv6 address, or a CIDR range of either. */
export const BlockAddress = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()]);
export type BlockAddress = z.infer<typeof BlockAddress>;

export const FirewallBlockEntry = z.strictObject({
  address: BlockAddress,
  /** When the block ends; null blocks until lifted. */
  expiresAt: z.iso.datetime({ offset: true }).nullable(),
});
export type FirewallBlockEntry = z.infer<typeof FirewallBlockEntry>;

/** `firewall.block`: add these blocks (an address already blocked gets the new expiry). */
export const FirewallBlockParams = z.strictObject({
  blocks: z.array(FirewallBlockEntry).min(1).max(100_000),
});
export type FirewallBlockParams = z.infer<typeof FirewallBlockParams>;

/** `firewall.unblock`: lift these. */
export const FirewallUnblockParams = z.strictObject({ addresses: z.array(BlockAddress).min(1).max(100_000) });
export type FirewallUnblockParams = z.infer<typeof FirewallUnblockParams>;

/** `firewall.sync`: the complete list the host must hold; anything else in Vigil's sets goes (the server is the truth). */
export const FirewallSyncParams = z.strictObject({ blocks: z.array(FirewallBlockEntry).max(1_000_000) });
export type FirewallSyncParams = z.infer<typeof FirewallSyncParams>;

/** `account.lock`: lock a local account (usermod -L, expire) and end its sessions. */
export const AccountLockParams = z.strictObject({
  user: z.string().regex(/^[a-z_][a-z0-9_.-]{0,31}\$?$/),
});
export type AccountLockParams = z.infer<typeof AccountLockParams>;
