import { z } from 'zod';

/** Vulnerability feeds and findings; see docs/vulnerabilities.md. */
export const VulnConfigSchema = z
  .strictObject({
    /** A feed imported longer ago than this is shown as stale and raises a warning. */
    staleAfterHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 365)
      .default(48),
    /** Days to fix a finding, by severity; a KEV due date that falls sooner wins. */
    slaDays: z
      .strictObject({
        critical: z.number().int().min(1).max(3650).default(7),
        high: z.number().int().min(1).max(3650).default(30),
        medium: z.number().int().min(1).max(3650).default(90),
        low: z.number().int().min(1).max(3650).default(180),
        informational: z.number().int().min(1).max(3650).default(365),
      })
      .default({ critical: 7, high: 30, medium: 90, low: 180, informational: 365 }),
  })
  .default({
    staleAfterHours: 48,
    slaDays: { critical: 7, high: 30, medium: 90, low: 180, informational: 365 },
  });
