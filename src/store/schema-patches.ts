/* Patch plans (src/modules/patches); migration 0011-patches. */

export interface PatchPlansTable {
  id: string;
  name: string;
  /** draft, approved, running, completed, stopped, cancelled */
  status: string;
  created_by: string;
  created_at: string;
  approved_by: string | null;
  approved_at: string | null;
  started_by: string | null;
  started_at: string | null;
  window_start: string | null;
  window_end: string | null;
  failure_threshold: number;
  message: string | null;
  /** 1 while the rollout ticker has something to follow: simulations, a rollout, hosts in flight. */
  active: number;
  updated_at: string;
}

export interface PatchPlanHostsTable {
  plan_id: string;
  agent_id: string;
  hostname: string | null;
  manager: string;
  canary: number;
  /** The order hosts are patched in, canaries first. */
  position: number;
  status: string;
  /** JSON: PlannedPackage[] (src/modules/patches/planned-package.ts). */
  packages: string;
  simulate_task_id: string | null;
  apply_task_id: string | null;
  verify_task_id: string | null;
  /** JSON { changes, output } of the simulation. */
  simulation: string | null;
  /** JSON PackageChange[] the apply reported, which the verifying inventory must show. */
  applied_changes: string | null;
  output: string | null;
  error: string | null;
  reboot_required: number | null;
  /** JSON string[]. */
  services_to_restart: string;
  remaining_findings: number | null;
  updated_at: string;
}

export interface PatchTables {
  patch_plans: PatchPlansTable;
  patch_plan_hosts: PatchPlanHostsTable;
}
