import type { RunAuditsRequest } from '../../../../src/protocol/audits-api.ts';
import { runAudits } from '../../api/audits.ts';
import { useSubmit } from '../../hooks/useSubmit.ts';

interface RunNowButtonProps {
  /** Which hosts and policies: nothing named runs every approved policy on every host it is for. */
  target: RunAuditsRequest;
  /** Names the button for screen readers when several are on the page, e.g. "Run now: CIS Debian 12". */
  label?: string;
  onQueued: (message: string) => void;
  onError: (error: unknown) => void;
}

/** Queues an audit task on each host the target covers; the results arrive as the agents answer. */
export function RunNowButton({ target, label, onQueued, onError }: RunNowButtonProps) {
  const { busy, run } = useSubmit();
  return (
    <button
      type="button"
      className="btn btn-sm"
      disabled={busy}
      aria-label={label}
      onClick={() =>
        void run(async () => {
          try {
            const { tasks } = await runAudits(target);
            const hosts = new Set(tasks.map((task) => task.agentId)).size;
            onQueued(
              tasks.length === 0
                ? 'No host runs an approved policy for this: nothing was queued.'
                : `Audit queued on ${hosts === 1 ? '1 host' : `${hosts} hosts`}. Results appear as each host answers; reload to see them.`,
            );
          } catch (caught) {
            onError(caught);
          }
        })
      }
    >
      Run now
    </button>
  );
}
