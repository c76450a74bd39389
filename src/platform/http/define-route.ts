import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { z } from 'zod';
import { Problem } from '../../protocol/problem.ts';
import { authorize, type Access } from './authorize.ts';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteSpec<R extends RouteConfig['request'], S extends RouteConfig['responses']> {
  method: Method;
  path: string;
  /** Audit action name, `<module>.<verb>`. */
  action: string;
  access: Access;
  summary: string;
  tags: string[];
  request?: R;
  responses: S;
}

/** Declares an API route with its access rule and audit name; the only way routes are made. */
export function defineRoute<R extends RouteConfig['request'], S extends RouteConfig['responses']>(
  spec: RouteSpec<R, S>,
) {
  return createRoute({
    method: spec.method,
    path: spec.path,
    summary: spec.summary,
    tags: spec.tags,
    operationId: spec.action,
    'x-vigil-access': spec.access,
    request: spec.request as R,
    responses: {
      ...spec.responses,
      default: { description: 'Error', content: { 'application/problem+json': { schema: Problem } } },
    },
    middleware: [authorize(spec.access, spec.action)] as const,
  });
}

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { content: { 'application/json': { schema } }, required: true } as const;
}

export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } } as const;
}

export const noContent = { 204: { description: 'Done' } } as const;
