import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import { AppError } from '../../platform/errors.ts';
import type { AppEnv } from '../../platform/http/app-env.ts';

const notBuilt = `<!doctype html><title>Vigil</title><p>The web UI is not built. Run <code>npm run build</code> and restart.</p>`;

/**
 * Serves the built single-page app; any other non-API path gets index.html so
 * deep links work. Hashed assets are immutable; index.html never caches.
 */
export function mountWebUi(app: Hono<AppEnv>, webRoot: string): void {
  const indexPath = join(webRoot, 'index.html');
  const root = relative(process.cwd(), webRoot) || '.';
  app.use(
    '/assets/*',
    serveStatic({
      root,
      onFound: (_path, c) => {
        c.header('cache-control', 'public, max-age=31536000, immutable');
      },
    }),
  );
  app.get('/favicon.svg', serveStatic({ root }));
  app.get('*', (c) => {
    if (c.req.path.startsWith('/api/'))
      throw new AppError('not_found', `no API route ${c.req.method} ${c.req.path}`);
    c.header('cache-control', 'no-store');
    return c.html(existsSync(indexPath) ? readFileSync(indexPath, 'utf8') : notBuilt);
  });
}
