import { useState, type SubmitEvent } from 'react';
import type { QueuedPolicyTasks } from '../../../../../src/protocol/firewall-policies-api.ts';
import { applyFirewallPolicy } from '../../../api/firewallPolicies.ts';
import { Dialog } from '../../../components/Dialog.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { TextField } from '../../../components/TextField.tsx';
import { useSubmit } from '../../../hooks/useSubmit.ts';

/** The server's default and bounds for `confirmSeconds` (src/protocol/firewall-policy.ts, which carries zod). */
const confirmDefault = 30;
const confirmMin = 5;
const confirmMax = 600;

interface ApplyDialogProps {
  name: string;
  hosts: number;
  onClose: () => void;
  onQueued: (queued: QueuedPolicyTasks) => void;
}

/** Applying asks first, and says how a host that the new rules cut off gets its old ones back. */
export function ApplyDialog({ name, hosts, onClose, onQueued }: ApplyDialogProps) {
  const [seconds, setSeconds] = useState(String(confirmDefault));
  const { busy, error, run } = useSubmit();
  const shown = /^\d+$/.test(seconds.trim()) ? seconds.trim() : String(confirmDefault);

  function submit(event: SubmitEvent) {
    event.preventDefault();
    void run(async () => {
      const confirmSeconds = Number(seconds.trim());
      if (!Number.isInteger(confirmSeconds) || confirmSeconds < confirmMin || confirmSeconds > confirmMax)
        throw new Error(
          `The confirmation window must be a whole number of seconds from ${confirmMin} to ${confirmMax}.`,
        );
      onQueued(await applyFirewallPolicy(name, confirmSeconds));
      onClose();
    });
  }

  return (
    <Dialog title="Apply firewall policy" onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <div className="dialog-body apply-body">
          <p>
            {hosts === 1 ? 'The host' : `Each of the ${hosts} hosts`} of{' '}
            <strong className="mono">{name}</strong> replaces its policy rules with the rendered ruleset in
            one step. Blocks and everything outside Vigil’s own table stay as they are.
          </p>
          <p>
            Then {hosts === 1 ? 'it' : 'each host'} must reach the Vigil server on a new connection within{' '}
            <strong data-testid="confirm-window">{shown} seconds</strong>. A host that cannot, because the new
            rules cut it off, puts its previous rules back on its own.
          </p>
        </div>
        <ErrorAlert error={error} />
        <div className="confirm-seconds">
          <TextField
            id="apply-confirm-seconds"
            label="Confirmation window (seconds)"
            hint={`From ${confirmMin} to ${confirmMax}. Longer for hosts on slow links.`}
            type="number"
            inputMode="numeric"
            min={confirmMin}
            max={confirmMax}
            step={1}
            required
            value={seconds}
            onChange={setSeconds}
          />
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-danger" disabled={busy}>
            Apply to {hosts === 1 ? '1 host' : `${hosts} hosts`}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
