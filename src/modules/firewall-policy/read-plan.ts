import { FirewallPlan } from '../../protocol/firewall-policy.ts';

/** A plan task's output as a plan; null for anything else (an older agent's, a cut-off one). */
export function readPlan(output: string | null): FirewallPlan | null {
  if (output === null) return null;
  try {
    const parsed = FirewallPlan.safeParse(JSON.parse(output));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
