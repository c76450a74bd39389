import type { CreateUserRequest, UpdateUserRequest, User } from '../../../src/protocol/users.ts';
import { request } from './client.ts';

const userPath = (id: string) => `/api/users/${encodeURIComponent(id)}`;

export const listUsers = () => request<{ users: User[] }>('GET', '/api/users');
export const createUser = (body: CreateUserRequest) => request<User>('POST', '/api/users', body);
export const updateUser = (id: string, body: UpdateUserRequest) => request<User>('PATCH', userPath(id), body);
export const deleteUser = (id: string) => request<undefined>('DELETE', userPath(id));
export const resetUserPassword = (id: string, password: string) =>
  request<undefined>('POST', `${userPath(id)}/password`, { password });
