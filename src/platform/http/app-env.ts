import type { Principal } from './principal.ts';

/** Per-request values shared by middleware and handlers. */
export interface AppEnv {
  Variables: {
    requestId: string;
    principal: Principal | undefined;
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
