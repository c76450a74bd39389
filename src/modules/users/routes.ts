import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import type { ApiApp } from '../../platform/http/create-api-app.ts';
import { defineRoute, jsonBody, jsonResponse, noContent } from '../../platform/http/define-route.ts';
import { ChangePasswordRequest } from '../../protocol/auth.ts';
import { CreateUserRequest, ResetPasswordRequest, UpdateUserRequest, User } from '../../protocol/users.ts';
import { verifyPassword } from '../auth/password-hash.ts';
import { deleteUserSessions } from '../auth/sessions.ts';
import type { Deps } from '../deps.ts';
import { changePassword, createAccount } from './accounts.ts';
import { deleteUser, getUser, listUsers, updateUser } from './store.ts';

const tags = ['users'];
const IdParam = z.object({ id: z.string().min(1).max(64) });

const list = defineRoute({
  method: 'get',
  path: '/api/users',
  action: 'users.list',
  access: 'users:read',
  summary: 'List users',
  tags,
  responses: { 200: jsonResponse(z.object({ users: z.array(User) }), 'Users') },
});

const create = defineRoute({
  method: 'post',
  path: '/api/users',
  action: 'users.create',
  access: 'users:write',
  summary: 'Create a user',
  tags,
  request: { body: jsonBody(CreateUserRequest) },
  responses: { 201: jsonResponse(User, 'Created') },
});

const update = defineRoute({
  method: 'patch',
  path: '/api/users/{id}',
  action: 'users.update',
  access: 'users:write',
  summary: 'Change a user’s display name, role or disabled state',
  tags,
  request: { params: IdParam, body: jsonBody(UpdateUserRequest) },
  responses: { 200: jsonResponse(User, 'Updated') },
});

const remove = defineRoute({
  method: 'delete',
  path: '/api/users/{id}',
  action: 'users.delete',
  access: 'users:write',
  summary: 'Delete a user',
  tags,
  request: { params: IdParam },
  responses: noContent,
});

const resetPassword = defineRoute({
  method: 'post',
  path: '/api/users/{id}/password',
  action: 'users.reset_password',
  access: 'users:write',
  summary: 'Set another user’s password; ends their sessions',
  tags,
  request: { params: IdParam, body: jsonBody(ResetPasswordRequest) },
  responses: noContent,
});

const ownPassword = defineRoute({
  method: 'post',
  path: '/api/auth/password',
  action: 'auth.change_password',
  access: 'authenticated',
  summary: 'Change your own password; ends your other sessions',
  tags: ['auth'],
  request: { body: jsonBody(ChangePasswordRequest) },
  responses: noContent,
});

export function registerUserRoutes(app: ApiApp, deps: Deps): void {
  const { db } = deps.database;

  app.openapi(list, async (c) => c.json({ users: await listUsers(db) }, 200));

  app.openapi(create, async (c) => {
    const body = c.req.valid('json');
    c.set('auditTarget', body.username);
    c.set('auditDetail', `role=${body.role}`);
    const user = await createAccount(db, deps.random, deps.clock.now(), body);
    return c.json(user, 201);
  });

  app.openapi(update, async (c) => {
    const { id } = c.req.valid('param');
    const changes = c.req.valid('json');
    c.set('auditTarget', id);
    c.set('auditDetail', JSON.stringify(changes));
    const user = await updateUser(db, id, changes, deps.clock.now().toISOString());
    c.set('auditTarget', user.username);
    if (user.disabled) await deleteUserSessions(db, user.id);
    return c.json(user, 200);
  });

  app.openapi(remove, async (c) => {
    const { id } = c.req.valid('param');
    c.set('auditTarget', id);
    if (id === c.get('principal')?.userId)
      throw new AppError('conflict', 'you cannot delete your own account');
    const removed = await deleteUser(db, id, deps.clock.now().toISOString());
    c.set('auditTarget', removed.username);
    return c.body(null, 204);
  });

  app.openapi(resetPassword, async (c) => {
    const { id } = c.req.valid('param');
    c.set('auditTarget', id);
    const user = await getUser(db, id);
    c.set('auditTarget', user.username);
    await changePassword(db, user, c.req.valid('json').password, deps.clock.now());
    return c.body(null, 204);
  });

  app.openapi(ownPassword, async (c) => {
    const principal = c.get('principal');
    if (!principal) throw new AppError('unauthenticated');
    const { currentPassword, newPassword } = c.req.valid('json');
    const user = await getUser(db, principal.userId);
    c.set('auditTarget', user.username);
    if (!(await verifyPassword(user.password_hash, currentPassword))) {
      throw new AppError('invalid_credentials', 'the current password is wrong');
    }
    await changePassword(db, user, newPassword, deps.clock.now(), principal.sessionId);
    return c.body(null, 204);
  });
}
