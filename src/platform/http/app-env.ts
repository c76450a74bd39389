import type { Principal } from './principal.ts';

/** A host agent whose request signature checked out. */
export interface AgentIdentity {
  id: string;
  group: string;
  hostname: string;
}

/** Per-request values shared by middleware and handlers. */
export interface AppEnv {
  Variables: {
    requestId: string;
    principal: Principal | undefined;
    agent: AgentIdentity | undefined;
    /** Set by the server on the agent channel; `authorize` calls it, so refusals carry the route's action. */
    verifyAgent: (() => Promise<AgentIdentity>) | undefined;
    /** Route's audit action name, e.g. `users.create`. */
    action: string | undefined;
    /** What the request acted on, for the audit log, e.g. the username created. */
    auditTarget: string | undefined;
    auditDetail: string | undefined;
    /** Who tried, when no principal exists yet (a failed login). */
    auditActor: string | undefined;
    sourceIp: string | null;
  };
}
