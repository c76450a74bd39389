import { useSession } from '../../app/session.ts';

export interface AuditPermissions {
  /** Queue audits on demand. */
  canRun: boolean;
  /** Upload, assign and delete policies; create and delete waivers. */
  canWrite: boolean;
  /** Approve a policy so agents run it: its rules read files and may run commands on every host. */
  canApprove: boolean;
}

export function useAuditPermissions(): AuditPermissions {
  const { can } = useSession();
  return { canRun: can('audits:run'), canWrite: can('audits:write'), canApprove: can('audits:approve') };
}
