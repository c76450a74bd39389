import type { Deps } from '../deps.ts';
import { advancePlan } from './advance-plan.ts';

export interface PatchRollouts {
  stop(): Promise<void>;
}

/**
 * Follows every plan with something going on (simulations, rollouts, hosts in flight) every
 * `everyMs`: agents' answers and inventories arrive through other routes, and windows open on
 * their own. Idle, it costs one indexed query per tick. Steps are conditional on the stored
 * state, so several server processes may run this side by side.
 */
export function startPatchRollouts(deps: Deps, everyMs = 2000): PatchRollouts {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    const plans = await deps.database.db
      .selectFrom('patch_plans')
      .select('id')
      .where('active', '=', 1)
      .execute();
    for (const { id } of plans) {
      if (stopped) return;
      await advancePlan(deps, id).catch((err: unknown) =>
        deps.logger.error({ err, planId: id }, 'following a patch plan failed; will retry'),
      );
    }
  };
  const schedule = () => {
    timer = setTimeout(() => {
      running = tick()
        .catch((err: unknown) => deps.logger.error({ err }, 'reading patch plans failed; will retry'))
        .finally(() => {
          if (!stopped) schedule();
        });
    }, everyMs);
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
