import { z } from 'zod';
import { permissions, roles } from './role-table.ts';

export { permissions, rolePermissions, roles } from './role-table.ts';

export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

export const Permission = z.enum(permissions);
export type Permission = z.infer<typeof Permission>;
