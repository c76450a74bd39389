import { useState, type SubmitEvent } from 'react';
import type {
  Alert,
  AlertSuppression,
  CreateAlertSuppressionRequest,
} from '../../../../../src/protocol/alerts.ts';
import { createSuppression } from '../../../api/alerts.ts';
import { Dialog } from '../../../components/Dialog.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { SelectField } from '../../../components/SelectField.tsx';
import { TextField } from '../../../components/TextField.tsx';
import { useSubmit } from '../../../hooks/useSubmit.ts';

const hour = 3600;
/** 0 stands for "never": SelectField's values are strings or numbers. */
const lifetimes = [
  { label: '1 hour', value: hour },
  { label: '24 hours', value: 24 * hour },
  { label: '7 days', value: 7 * 24 * hour },
  { label: '30 days', value: 30 * 24 * hour },
  { label: 'Never expires', value: 0 },
];

type Criterion = 'ruleId' | 'srcIp' | 'user' | 'host';

interface Candidate {
  key: Criterion;
  label: string;
  value: string;
  /** What the box shows for the value, when that is not the value itself. */
  shown?: string;
}

/** The rule and each entity the alert has: what a suppression of similar alerts can match. */
function candidatesFor(alert: Alert): Candidate[] {
  const { title, analytic } = alert.finding_info;
  const entities = [
    { key: 'srcIp', label: 'Source IP', value: alert.entities.src_ip },
    { key: 'user', label: 'User', value: alert.entities.user },
    { key: 'host', label: 'Host', value: alert.entities.host },
  ] as const;
  return [
    { key: 'ruleId', label: 'Rule', value: analytic.uid, shown: title },
    ...entities.flatMap(({ key, label, value }) => (value === null ? [] : [{ key, label, value }])),
  ];
}

interface SuppressDialogProps {
  alert: Alert;
  onClose: () => void;
  onCreated: (suppression: AlertSuppression) => void;
}

/** Drops future findings like this alert's: its rule and entities, each of which can be left out to match more. */
export function SuppressDialog({ alert, onClose, onCreated }: SuppressDialogProps) {
  const [candidates] = useState(() => candidatesFor(alert));
  const [chosen, setChosen] = useState<Set<Criterion>>(() => new Set(candidates.map(({ key }) => key)));
  const [expiresIn, setExpiresIn] = useState(7 * 24 * hour);
  const [reason, setReason] = useState('');
  const { busy, error, run } = useSubmit();

  function toggle(key: Criterion, on: boolean) {
    const next = new Set(chosen);
    if (on) next.add(key);
    else next.delete(key);
    setChosen(next);
  }

  function submit(event: SubmitEvent) {
    event.preventDefault();
    void run(async () => {
      if (chosen.size === 0)
        throw new Error('Choose at least one thing to match, or every alert would be dropped.');
      const body: CreateAlertSuppressionRequest = {
        reason,
        expiresInSeconds: expiresIn === 0 ? null : expiresIn,
      };
      for (const { key, value } of candidates) if (chosen.has(key)) body[key] = value;
      onCreated(await createSuppression(body));
      onClose();
    });
  }

  return (
    <Dialog title="Suppress similar alerts" onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <p className="dialog-body">
          New findings that match everything checked below are counted and dropped instead of raising alerts.
          Existing alerts stay as they are.
        </p>
        <ErrorAlert error={error} />
        <fieldset className="fieldset">
          <legend className="field-label">Match</legend>
          {candidates.map(({ key, label, value, shown }) => (
            <label key={key} className="checkbox">
              <input
                type="checkbox"
                name={key}
                checked={chosen.has(key)}
                onChange={(event) => toggle(key, event.target.checked)}
              />
              <span>
                {label}
                <span className={shown === undefined ? 'checkbox-hint mono' : 'checkbox-hint'}>
                  {shown ?? value}
                </span>
              </span>
            </label>
          ))}
        </fieldset>
        <SelectField
          id="suppress-expiry"
          label="Expires after"
          options={lifetimes}
          value={expiresIn}
          onChange={setExpiresIn}
        />
        <TextField
          id="suppress-reason"
          label="Reason"
          hint="Why these findings are harmless, for whoever reviews suppressions later."
          required
          maxLength={500}
          value={reason}
          onChange={setReason}
        />
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            Suppress
          </button>
        </div>
      </form>
    </Dialog>
  );
}
