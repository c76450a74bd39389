import { z } from 'zod';
import { Password, Username } from './auth.ts';
import { Role } from './roles.ts';

export const User = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: Role,
    disabled: z.boolean(),
    createdAt: z.string(),
    lastLoginAt: z.string().nullable(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

export const CreateUserRequest = z
  .strictObject({
    username: Username,
    displayName: z.string().trim().min(1).max(128).optional(),
    role: Role,
    password: Password,
  })
  .meta({ id: 'CreateUserRequest' });
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

export const UpdateUserRequest = z
  .strictObject({
    displayName: z.string().trim().min(1).max(128).optional(),
    role: Role.optional(),
    disabled: z.boolean().optional(),
  })
  .meta({ id: 'UpdateUserRequest' });
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

export const ResetPasswordRequest = z
  .strictObject({ password: Password })
  .meta({ id: 'ResetPasswordRequest' });
export type ResetPasswordRequest = z.infer<typeof ResetPasswordRequest>;
