import { z } from 'zod';

export const DailyCount = z.object({ day: z.string(), success: z.number().int(), failure: z.number().int() });

export const Overview = z
  .object({
    users: z.number().int(),
    activeSessions: z.number().int(),
    apiTokens: z.number().int(),
    auditEntries: z.number().int(),
    /** Login outcomes per UTC day over the last 14 days, oldest first. */
    logins: z.array(DailyCount),
    /** State-changing requests per UTC day over the last 14 days, by outcome. */
    changes: z.array(DailyCount),
    auditChainOk: z.boolean(),
    version: z.string(),
    database: z.enum(['sqlite', 'postgres']),
  })
  .meta({ id: 'Overview' });
export type Overview = z.infer<typeof Overview>;
