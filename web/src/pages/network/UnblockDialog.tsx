import { useState, type SubmitEvent } from 'react';
import type { Block } from '../../../../src/protocol/blocks.ts';
import { liftBlock } from '../../api/blocks.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useSubmit } from '../../hooks/useSubmit.ts';

interface UnblockDialogProps {
  block: Block;
  onClose: () => void;
  onLifted: (block: Block) => void;
}

/** Lifting a block asks why: the reason goes to the audit log with it. */
export function UnblockDialog({ block, onClose, onLifted }: UnblockDialogProps) {
  const [reason, setReason] = useState('');
  const { busy, error, run } = useSubmit();

  function submit(event: SubmitEvent) {
    event.preventDefault();
    void run(async () => {
      onLifted(await liftBlock(block.id, reason));
      onClose();
    });
  }

  return (
    <Dialog title="Unblock address" onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <p className="dialog-body">
          The hosts drop <strong className="mono">{block.address}</strong> from their firewalls within a
          second, unless another block of it still applies.
        </p>
        <ErrorAlert error={error} />
        <TextField
          id="unblock-reason"
          label="Reason"
          hint="Why it may reach your hosts again, for the audit log."
          required
          maxLength={500}
          value={reason}
          onChange={setReason}
        />
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-danger" disabled={busy}>
            Unblock
          </button>
        </div>
      </form>
    </Dialog>
  );
}
