import type { BlockScope } from '../../protocol/blocks.ts';
import { durationSeconds, ladderStep, type PolicyBlockScope } from '../../protocol/response-config.ts';
import type { Deps } from '../deps.ts';
import { activeBlocks } from './active-blocks.ts';
import { alertLabel, policyActor, type AlertResponse } from './alert-response.ts';
import { allowlistEntryFor } from './allowlist-entry-for.ts';
import { auditResponse } from './audit-response.ts';
import { canonicalAddress } from './canonical-address.ts';
import { describeAllowlistEntry } from './describe-allowlist-entry.ts';
import { describeHosts } from './describe-hosts.ts';
import { effectiveAllowlist } from './effective-allowlist.ts';
import { escalateOffender } from './escalate-offender.ts';
import { agentsInScope, scopeCovers, type FirewallAgent } from './firewall-agent.ts';
import { recordBlock } from './record-block.ts';
import { parseScope } from './to-block.ts';

/**
 * The hosts a policy's scope means for this alert; undefined when it needs an attacked host the
 * alert lacks. Named agents and a named group (gateways) do not depend on the alert: they are
 * blocks of that scope, so hosts joining the group later get them too.
 */
function blockScope(scope: PolicyBlockScope, agent: FirewallAgent | undefined): BlockScope | undefined {
  if (scope === 'all') return scope;
  if (typeof scope === 'object') return 'group' in scope ? { group: scope.group } : { agents: scope.agents };
  if (!agent) return undefined;
  return scope === 'host' ? { agents: [agent.id] } : { group: agent.group_name };
}

/**
 * Blocks the alert's source address for the next rung of the escalation ladder. Nothing happens
 * for an address already blocked on every host the scope names (repeats of one attack), and an
 * allowlisted address is spared. Only new alerts are audited when nothing is changed, so a
 * long attack from a spared address does not flood the audit log.
 */
export async function respondWithBlock(deps: Deps, response: AlertResponse, scope: PolicyBlockScope) {
  const { db } = deps.database;
  const { config, logger } = deps;
  const { alert, now, outcome } = response;
  const address = canonicalAddress(alert.entities.src_ip ?? '');
  if (address === undefined) return;
  const target = blockScope(scope, response.agent);
  if (target === undefined) {
    logger.warn(
      { policy: response.policy.name, alertId: alert.id, host: alert.entities.host },
      'cannot block on the attacked host: the alert names no enrolled agent',
    );
    return;
  }
  const spared = allowlistEntryFor(address, await effectiveAllowlist(db, config));
  if (spared) {
    const why = describeAllowlistEntry(spared);
    logger.warn({ address, policy: response.policy.name, alertId: alert.id }, `spared ${address}: ${why}`);
    if (outcome === 'created')
      await auditResponse(db, now, {
        actor: policyActor(response),
        action: 'response.spared',
        target: address,
        detail: `not blocked: ${why}; ${alertLabel(response)}`,
      });
    return;
  }
  const agents = await agentsInScope(db, target);
  const active = await activeBlocks(db, now, address);
  const uncovered = agents.filter(
    (agent) => !active.some((block) => scopeCovers(parseScope(block.scope), agent)),
  );
  if (active.length > 0 && uncovered.length === 0) return;

  const ladder = config.response.durations;
  if (config.response.dryRun) {
    if (outcome !== 'created') return;
    const known = await db
      .selectFrom('offenders')
      .select('level')
      .where('address', '=', address)
      .executeTakeFirst();
    const level = (known?.level ?? 0) + 1;
    const rung = ladderStep(ladder, level);
    logger.warn(
      { address, policy: response.policy.name, level },
      `dry run: would block ${address} for ${rung}`,
    );
    await auditResponse(db, now, {
      actor: policyActor(response),
      action: 'response.dry_run',
      target: address,
      detail: `would block for ${rung} (level ${level}) on ${describeHosts(agents)}; ${alertLabel(response)}`,
    });
    return;
  }
  const level = await escalateOffender(db, address, now);
  const rung = ladderStep(ladder, level);
  const expiresAt = new Date(now.getTime() + durationSeconds(rung) * 1000);
  const recorded = await recordBlock(
    deps,
    {
      address,
      scope: target,
      expiresAt,
      reason: alert.finding_info.title,
      alertId: alert.id,
      ruleId: alert.finding_info.analytic.uid,
      createdBy: policyActor(response),
      level,
    },
    agents,
    now,
  );
  logger.warn(
    {
      address,
      policy: response.policy.name,
      level,
      until: expiresAt.toISOString(),
      hosts: recorded.agents.length,
    },
    `blocked ${address} for ${rung}`,
  );
  await auditResponse(db, now, {
    actor: policyActor(response),
    action: 'response.block',
    target: `${address} (block ${recorded.row.id})`,
    detail: `${rung} (level ${level}) on ${describeHosts(recorded.agents)}; ${alertLabel(response)}`,
  });
}
