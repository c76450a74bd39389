import { z } from 'zod';

/** Patch plans; see docs/patching.md. */
export const PatchConfigSchema = z
  .strictObject({
    /** A plan must be approved by someone other than its author. */
    separateApproval: z.boolean().default(true),
  })
  .default({ separateApproval: true });
