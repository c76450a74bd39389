import type { AlertListener } from '../alerts/create-alert-sink.ts';
import type { Deps } from '../deps.ts';
import { alertLabel, policyActor, type AlertResponse } from './alert-response.ts';
import { auditResponse } from './audit-response.ts';
import { findFirewallAgent } from './firewall-agent.ts';
import { policyMatches } from './policy-matches.ts';
import { respondWithBlock } from './respond-with-block.ts';
import { respondWithLock } from './respond-with-lock.ts';

export interface Responder {
  /** For `AlertSink.onChange`: returns at once, the response runs behind it. */
  onAlert: AlertListener;
  /** Resolves when every response so far is done (tests and shutdown wait on it). */
  idle(): Promise<void>;
}

/**
 * Runs the response policies (`response.policies`) on every alert created or updated, one alert
 * after another so two repeats of one attack cannot both block. Each step is a few small
 * queries, and the block task wakes the host's waiting poll, so the address reaches the host
 * within the same tick as the alert.
 */
export function createResponder(deps: Deps): Responder {
  const { policies } = deps.config.response;
  let chain: Promise<void> = Promise.resolve();

  const respond = async (response: Omit<AlertResponse, 'policy' | 'agent'>) => {
    const agentId = response.alert.entities.agent_id;
    const agent = agentId === null ? undefined : await findFirewallAgent(deps.database.db, agentId);
    for (const policy of policies) {
      if (!policyMatches(policy, response.finding, agent?.group_name ?? null)) continue;
      const matched: AlertResponse = { ...response, policy, agent };
      for (const action of policy.actions) {
        if (action.type === 'block') await respondWithBlock(deps, matched, action.scope);
        else if (action.type === 'lock_account') await respondWithLock(deps, matched);
        else if (response.outcome === 'created') {
          deps.logger.warn({ policy: policy.name, alertId: response.alert.id }, 'response policy matched');
          await auditResponse(deps.database.db, response.now, {
            actor: policyActor(matched),
            action: 'response.notify',
            target: response.alert.id,
            detail: `matched ${alertLabel(matched)}`,
          });
        }
      }
    }
  };

  return {
    onAlert(result, finding) {
      if (result.outcome === 'suppressed' || policies.length === 0) return;
      const response = { alert: result.alert, finding, outcome: result.outcome, now: deps.clock.now() };
      chain = chain.then(() =>
        respond(response).catch((err: unknown) => {
          deps.logger.error({ err, alertId: result.alert.id }, 'a response policy failed');
        }),
      );
    },
    idle: () => chain,
  };
}
