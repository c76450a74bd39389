import { randomBytes } from 'node:crypto';
import { createTwoFilesPatch } from 'diff';
import type { FirewallPlan, FirewallPolicy } from '../../protocol/firewall-policy.ts';
import { confirmWithin, type Reach } from './confirm-within.ts';
import { nftTable } from './nft-script.ts';
import { clearPendingRollback, readPendingRollback, savePendingRollback } from './pending-rollback.ts';
import { policyObjects, type PolicyObjects } from './policy-objects.ts';
import { renderPolicy } from './render-policy.ts';
import { createToolRunner, succeeded, type ToolRunner } from './run-tool.ts';

export interface PolicyFirewallOptions {
  /** Runs nft on the host (tests: inside a network namespace). */
  run?: ToolRunner;
  /**
   * Runs `ip netns add|delete` and makes a runner inside a scratch namespace, where the policy
   * is loaded to learn how nft prints it. Defaults to the host's `ip`.
   */
  scratch?: { run: ToolRunner; inside(netns: string): ToolRunner };
  /**
   * Where the rollback script waits while a change is unconfirmed, so an agent killed in the
   * window rolls back when it starts again (`recoverPendingRollback`).
   */
  pendingPath?: string | undefined;
}

export type ApplyOutcome = 'applied' | 'unchanged' | 'rolled_back';

export interface ApplyResult {
  outcome: ApplyOutcome;
  plan: FirewallPlan;
  message: string;
}

export interface PolicyFirewall {
  /** What applying `policy` (null: no policy) would change, without changing anything. */
  plan(policy: FirewallPolicy | null): Promise<FirewallPlan>;
  /**
   * Replaces the policy's chains and sets in one transaction, then calls `reach` until it
   * resolves or `confirmSeconds` pass; in the second case the previous ones are put back.
   */
  apply(policy: FirewallPolicy | null, confirmSeconds: number, reach: Reach): Promise<ApplyResult>;
}

/**
 * Firewall policies on the host, in Vigil's `table inet vigil` only (docs/firewall-policy.md).
 * Plans compare text as nft itself prints it: the policy is loaded into an empty scratch
 * network namespace and listed back, so the planned side reads exactly as the live side will.
 */
export function createPolicyFirewall(options: PolicyFirewallOptions = {}): PolicyFirewall {
  const run = options.run ?? createToolRunner();
  const scratch = options.scratch ?? {
    run: createToolRunner(),
    inside: (netns: string) => createToolRunner({ netns }),
  };

  const nft = async (script: string) => succeeded('nft', await run('nft', ['-f', '-'], script));

  async function live(): Promise<PolicyObjects> {
    const listed = await run('nft', ['-t', '-s', 'list', 'table', 'inet', nftTable]);
    if (listed.code !== 0 && /No such file or directory/.test(listed.stderr)) return policyObjects('');
    return policyObjects(succeeded('nft', listed).stdout);
  }

  async function canonical(policy: FirewallPolicy | null): Promise<PolicyObjects> {
    if (policy === null) return policyObjects('');
    const netns = `vigil-plan-${randomBytes(6).toString('hex')}`;
    succeeded('ip', await scratch.run('ip', ['netns', 'add', netns]));
    try {
      const inside = scratch.inside(netns);
      succeeded('nft', await inside('nft', ['-f', '-'], renderPolicy(policy)));
      return policyObjects(
        succeeded('nft', await inside('nft', ['-t', '-s', 'list', 'table', 'inet', nftTable])).stdout,
      );
    } finally {
      await scratch.run('ip', ['netns', 'delete', netns]);
    }
  }

  async function plan(policy: FirewallPolicy | null): Promise<FirewallPlan & { before: PolicyObjects }> {
    const [before, after] = await Promise.all([live(), canonical(policy)]);
    const changed = before.text !== after.text;
    return {
      policy: policy?.name ?? null,
      live: before.text,
      planned: after.text,
      diff: changed
        ? createTwoFilesPatch('live', 'planned', before.text, after.text, '', '', { context: 3 })
        : '',
      changed,
      before,
    };
  }

  return {
    async plan(policy) {
      const { before: _before, ...result } = await plan(policy);
      return result;
    },
    async apply(policy, confirmSeconds, reach) {
      const { before, ...result } = await plan(policy);
      if (!result.changed) return { outcome: 'unchanged', plan: result, message: 'already in place' };
      await savePendingRollback(options.pendingPath, before.text);
      // Built from the policy, not from the scratch listing: nft's printout is for comparing.
      await nft(replaceScript(before, policy === null ? '' : renderPolicy(policy)));
      const reached = await confirmWithin(reach, confirmSeconds * 1000);
      if (reached.ok) {
        await clearPendingRollback(options.pendingPath);
        return {
          outcome: 'applied',
          plan: result,
          message: `applied ${describe(policy)}; the server answered on a new connection after ${reached.ms} ms`,
        };
      }
      await nft(replaceScript(await live(), before.text));
      await clearPendingRollback(options.pendingPath);
      return {
        outcome: 'rolled_back',
        plan: result,
        message:
          `rolled back ${describe(policy)}: the server could not be reached on a new connection within ` +
          `${confirmSeconds} s after applying it (${reached.error}); the previous rules are back in place`,
      };
    },
  };
}

function describe(policy: FirewallPolicy | null): string {
  return policy === null ? 'the removal of the firewall policy' : `firewall policy ${policy.name}`;
}

/**
 * One transaction that removes the policy objects now live and adds `definition`. Rules go
 * first (a chain must be empty to delete, a set unreferenced), then chains and sets.
 */
export function replaceScript(live: PolicyObjects, definition: string): string {
  const lines = [`add table inet ${nftTable}`];
  for (const chain of live.chains) lines.push(`flush chain inet ${nftTable} ${chain}`);
  for (const chain of live.chains) lines.push(`delete chain inet ${nftTable} ${chain}`);
  for (const set of live.sets) lines.push(`delete set inet ${nftTable} ${set}`);
  if (definition !== '') lines.push(definition.trimEnd());
  return `${lines.join('\n')}\n`;
}

/**
 * Puts back what an unconfirmed change replaced, when the agent stopped inside the
 * confirmation window. Returns whether there was anything to roll back.
 */
export async function recoverPendingRollback(pendingPath: string, run: ToolRunner = createToolRunner()) {
  const previous = await readPendingRollback(pendingPath);
  if (previous === undefined) return false;
  const listed = await run('nft', ['-t', '-s', 'list', 'table', 'inet', nftTable]);
  const live = policyObjects(listed.code === 0 ? listed.stdout : '');
  succeeded('nft', await run('nft', ['-f', '-'], replaceScript(live, previous)));
  await clearPendingRollback(pendingPath);
  return true;
}
