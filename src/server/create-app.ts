import { secureHeaders } from 'hono/secure-headers';
import { registerAgentRoutes } from '../modules/agents/routes.ts';
import { createAlertSink, type AlertSink } from '../modules/alerts/create-alert-sink.ts';
import { registerAlertRoutes } from '../modules/alerts/routes.ts';
import { registerAuditRoutes } from '../modules/audit/routes.ts';
import { registerHostAuditRoutes } from '../modules/audits/routes.ts';
import { createAuditFirstPoll } from '../modules/audits/schedule-audits.ts';
import { registerAuthRoutes } from '../modules/auth/routes.ts';
import { sessionPolicy } from '../modules/auth/sessions.ts';
import type { Deps } from '../modules/deps.ts';
import { restorePolicy } from '../modules/firewall-policy/restore-policy.ts';
import { registerFirewallPolicyRoutes } from '../modules/firewall-policy/routes.ts';
import { createPolicyResultWatcher } from '../modules/firewall-policy/watch-policy-results.ts';
import { netscanRunner } from '../modules/netscans/create-netscan-runner.ts';
import { registerNetscanRoutes } from '../modules/netscans/routes.ts';
import type { Metrics } from '../modules/ops/metrics.ts';
import { registerOpsRoutes } from '../modules/ops/routes.ts';
import { registerOverviewRoutes } from '../modules/overview/routes.ts';
import { registerPatchRoutes } from '../modules/patches/routes.ts';
import { createFirewallReconciler } from '../modules/response/create-firewall-reconciler.ts';
import { registerResponseRoutes } from '../modules/response/routes.ts';
import { registerTaskRoutes } from '../modules/tasks/routes.ts';
import { registerTokenRoutes } from '../modules/tokens/routes.ts';
import { registerUserRoutes } from '../modules/users/routes.ts';
import { registerVulnRoutes } from '../modules/vulns/routes.ts';
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
  /** Where findings the server makes itself (firewall drift, audit regressions) go; the live detection path's, so they are notified. */
  alerts?: Pick<AlertSink, 'record'> | undefined;
}

/** Composes the modules into one HTTP app. Order matters: see docs/ARCHITECTURE.md, "A request's path". */
export function createApp({ deps, metrics, version, webRoot, alerts }: AppOptions): ApiApp {
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
      // A route that sets its own (the audit reports, whole documents with an inline stylesheet) keeps it.
      overwrite: false,
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
  const reconcileFirewall = createFirewallReconciler(deps);
  const findings = alerts ?? createAlertSink(deps.database.db, deps.clock, { logger: deps.logger });
  const auditFirstPoll = createAuditFirstPoll(deps);
  registerTaskRoutes(app, deps, {
    // Blocks first, then the policy: both are lost with a reboot, and the server is the truth for both.
    beforePoll: async (agentId, restarted) => {
      if (await reconcileFirewall(agentId, restarted)) await restorePolicy(deps, agentId, deps.clock.now());
      await auditFirstPoll(agentId);
    },
    afterResult: createPolicyResultWatcher(deps, (finding, source) => findings.record(finding, source)),
  });
  registerAlertRoutes(app, deps);
  registerResponseRoutes(app, deps);
  registerFirewallPolicyRoutes(app, deps);
  registerHostAuditRoutes(app, deps, {
    version,
    recordRegression: (finding, source) => findings.record(finding, source),
  });
  registerVulnRoutes(app, deps, { version });
  registerPatchRoutes(app, deps);
  registerNetscanRoutes(app, deps, netscanRunner(deps, findings));

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
