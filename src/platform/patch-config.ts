import { z } from 'zod';

/** Patch plans; see docs/patching.md. */
export const PatchConfigSchema = z
  .strictObject({
    /** A plan must be approved by someone other than its author. */
    separateApproval: z.boolean().default(true),
    /** Hosts of one rollout upgrading at the same time. */
    concurrency: z.number().int().min(1).max(100).default(5),
    /** How long a host has, after its upgrade, to send the inventory that verifies it. */
    verifyTimeoutMinutes: z.number().int().min(1).max(1440).default(15),
  })
  .default({ separateApproval: true, concurrency: 5, verifyTimeoutMinutes: 15 });
