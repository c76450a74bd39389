import { z } from 'zod';
import { Permission, Role } from './roles.ts';

export const passwordMinLength = 15;
export const passwordMaxLength = 256;

export const Username = z
  .string()
  .min(1)
  .max(64)
  .regex(
    /^[a-z0-9][a-z0-9._-]*$/,
    'lowercase letters, digits, ".", "_" and "-", starting with a letter or digit',
  );

/** Length is checked by the password policy, which reports it with the other reasons. */
export const Password = z.string().max(passwordMaxLength * 4);

export const LoginRequest = z
  .strictObject({
    username: z.string().min(1).max(64),
    password: z
      .string()
      .min(1)
      .max(passwordMaxLength * 4),
  })
  .meta({ id: 'LoginRequest' });
export type LoginRequest = z.infer<typeof LoginRequest>;

export const Me = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: Role,
    permissions: z.array(Permission),
    /** Send back in `X-CSRF-Token` on every state-changing request made with the session cookie. */
    csrfToken: z.string().optional(),
    authMethod: z.enum(['session', 'token']),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

export const ChangePasswordRequest = z
  .strictObject({
    currentPassword: z
      .string()
      .min(1)
      .max(passwordMaxLength * 4),
    newPassword: Password,
  })
  .meta({ id: 'ChangePasswordRequest' });
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

export const csrfHeader = 'x-csrf-token';
export const sessionCookie = 'vigil_session';
