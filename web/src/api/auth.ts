import type { ChangePasswordRequest, LoginRequest, Me } from '../../../src/protocol/auth.ts';
import { request } from './client.ts';

export const login = (body: LoginRequest) => request<Me>('POST', '/api/auth/login', body);
export const logout = () => request<undefined>('POST', '/api/auth/logout');
export const fetchMe = () => request<Me>('GET', '/api/auth/me');
export const changePassword = (body: ChangePasswordRequest) =>
  request<undefined>('POST', '/api/auth/password', body);
