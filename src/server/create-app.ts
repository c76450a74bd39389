import { secureHeaders } from 'hono/secure-headers';
import { registerAgentRoutes } from '../modules/agents/routes.ts';
import { registerAlertRoutes } from '../modules/alerts/routes.ts';
import { registerAuditRoutes } from '../modules/audit/routes.ts';
import { registerAuthRoutes } from '../modules/auth/routes.ts';
import { sessionPolicy } from '../modules/auth/sessions.ts';
import type { Deps } from '../modules/deps.ts';
import type { Metrics } from '../modules/ops/metrics.ts';
import { registerOpsRoutes } from '../modules/ops/routes.ts';
import { registerOverviewRoutes } from '../modules/overview/routes.ts';
import { createFirewallReconciler } from '../modules/response/create-firewall-reconciler.ts';
import { registerResponseRoutes } from '../modules/response/routes.ts';
import { registerTaskRoutes } from '../modules/tasks/routes.ts';
import { registerTokenRoutes } from '../modules/tokens/routes.ts';
import { registerUserRoutes } from '../modules/users/routes.ts';
import { createApiApp, type ApiApp } from '../platform/http/create-api-app.ts';
import { limitBody, requireJsonBody } from './middleware/api-guards.ts';
import { auditTrail } from './middleware/audit-trail.ts';
import { errorHandler } from './middleware/error-handler.ts';
import { requestContext } from './middleware/request-context.ts';
import { agentVerifier } from './middleware/agent-verifier.ts';
import { resolvePrincipal } from './middleware/resolve-principal.ts';
import { mountWebUi } from './middleware/web-ui.ts';

export interface AppOptions {
  deps: Deps;
  metrics: Metrics;
  version: string;
  /** Folder with the built web UI. */
  webRoot: string;
}

/** Composes the modules into one HTTP app. Order matters: see docs/ARCHITECTURE.md, "A request's path". */
export function createApp({ deps, metrics, version, webRoot }: AppOptions): ApiApp {
  const app = createApiApp();
  app.onError(errorHandler(deps.logger));

  app.use(
    requestContext({
      random: deps.random,
      metrics,
      trustProxy: deps.config.server.trustProxy,
      logger: deps.logger,
    }),
  );
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      xFrameOptions: 'DENY',
      strictTransportSecurity: deps.config.server.tls ? 'max-age=31536000' : false,
      referrerPolicy: 'no-referrer',
    }),
  );
  app.use('/api/*', auditTrail(deps, metrics));
  app.use('/api/*', limitBody(deps.config.server.bodyLimitBytes));
  app.use('/api/*', requireJsonBody);
  app.use('/api/*', resolvePrincipal(deps, sessionPolicy(deps.config.auth)));
  app.use('/api/agent/v1/*', agentVerifier(deps));

  registerOpsRoutes(app, deps, metrics);
  registerAuthRoutes(app, deps);
  registerUserRoutes(app, deps);
  registerTokenRoutes(app, deps);
  registerAuditRoutes(app, deps);
  registerOverviewRoutes(app, deps, version);
  registerAgentRoutes(app, deps);
  registerTaskRoutes(app, deps, { beforePoll: createFirewallReconciler(deps) });
  registerAlertRoutes(app, deps);
  registerResponseRoutes(app, deps);

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Vigil API',
      version,
      description: 'Errors are RFC 9457 problem+json with a stable `code`.',
    },
  });

  mountWebUi(app, webRoot);
  return app;
}
