import { z } from 'zod';
import { Permission } from './roles.ts';

export const ApiToken = z
  .object({
    id: z.string(),
    name: z.string(),
    userId: z.string(),
    username: z.string(),
    scopes: z.array(Permission),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });
export type ApiToken = z.infer<typeof ApiToken>;

export const CreateTokenRequest = z
  .strictObject({
    name: z.string().trim().min(1).max(128),
    scopes: z.array(Permission).min(1),
    /** Lifetime in seconds; absent means the server's default. */
    expiresInSeconds: z
      .number()
      .int()
      .min(60)
      .max(400 * 24 * 3600)
      .optional(),
  })
  .meta({ id: 'CreateTokenRequest' });
export type CreateTokenRequest = z.infer<typeof CreateTokenRequest>;

/** The secret is shown once, at creation; only its hash is stored. */
export const CreatedToken = ApiToken.extend({ token: z.string() }).meta({ id: 'CreatedToken' });
export type CreatedToken = z.infer<typeof CreatedToken>;

export const tokenPrefix = 'vgl_';
