import { OpenAPIHono } from '@hono/zod-openapi';
import { AppError, issuesFromZod } from '../errors.ts';
import type { AppEnv } from './app-env.ts';

export type ApiApp = OpenAPIHono<AppEnv>;

/** An OpenAPIHono whose validation failures take the one error path as problem+json. */
export function createApiApp(): ApiApp {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const issues = issuesFromZod(result.error.issues);
        const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
        throw new AppError('validation_failed', summary.slice(0, 500), { issues });
      }
    },
  });
}
