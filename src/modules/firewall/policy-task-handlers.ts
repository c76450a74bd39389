import { FirewallPolicyApplyParams, FirewallPolicyPlanParams } from '../../protocol/firewall-policy.ts';
import type { Reach } from './confirm-within.ts';
import { parseTaskParams } from './parse-task-params.ts';
import type { PolicyFirewall } from './policy-firewall.ts';

type PolicyTaskKind = 'firewall.policy.plan' | 'firewall.policy.apply';
type Handler = (params: Record<string, unknown>) => Promise<string>;

export interface PolicyTaskOptions {
  /** Rejects with the reason when this host cannot take policies (no root, no nft, --no-firewall). */
  firewall: () => Promise<PolicyFirewall>;
  /** One attempt to reach the server on a new connection. */
  reach: Reach;
}

/**
 * The agent's handlers for firewall policy tasks. A plan answers with its FirewallPlan as JSON
 * (the server reads drift from it); an apply answers with what happened and the diff, and fails
 * when it had to roll back, so the server sees the policy is not in place.
 */
export function policyTaskHandlers(options: PolicyTaskOptions): Record<PolicyTaskKind, Handler> {
  return {
    'firewall.policy.plan': async (params) => {
      const { policy } = parseTaskParams(FirewallPolicyPlanParams, params, 'firewall.policy.plan');
      const firewall = await options.firewall();
      return JSON.stringify(await firewall.plan(policy));
    },
    'firewall.policy.apply': async (params) => {
      const { policy, confirmSeconds } = parseTaskParams(
        FirewallPolicyApplyParams,
        params,
        'firewall.policy.apply',
      );
      const firewall = await options.firewall();
      const result = await firewall.apply(policy, confirmSeconds, options.reach);
      const text = result.plan.diff === '' ? result.message : `${result.message}\n\n${result.plan.diff}`;
      if (result.outcome === 'rolled_back') throw new Error(text);
      return text;
    },
  };
}
