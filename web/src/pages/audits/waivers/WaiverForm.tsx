import { useCallback, useMemo, useState, type SubmitEvent } from 'react';
import type { AuditWaiver } from '../../../../../src/protocol/audits-api.ts';
import { createWaiver, getAuditPolicy, listAuditPolicies } from '../../../api/audits.ts';
import { useSession } from '../../../app/session.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Field } from '../../../components/Field.tsx';
import { SelectField } from '../../../components/SelectField.tsx';
import { TextField } from '../../../components/TextField.tsx';
import { useResource } from '../../../hooks/useResource.ts';
import { useSubmit } from '../../../hooks/useSubmit.ts';
import { scopeOptions, type ScopeHost } from './waiverScope.ts';

/** The check a waiver is for, when the form is opened from it. */
export interface WaivedCheck {
  policyId: string;
  policyName: string;
  checkId: number;
  checkName: string;
}

interface WaiverFormProps {
  hosts: readonly ScopeHost[];
  /** Fixes the check; without it the form offers every policy's checks. */
  check?: WaivedCheck | undefined;
  /** The scope chosen at first, e.g. `agent:<id>` from a host's check. */
  initialScope?: string;
  onCreated: (waiver: AuditWaiver) => void;
  /** Shown beside Create waiver, e.g. to close a dialog. */
  onCancel?: () => void;
}

const day = 24 * 3600 * 1000;
/** `YYYY-MM-DD` in local time, what a date input holds. */
const dateValue = (time: number) => {
  const date = new Date(time);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
};

function PolicyCheckFields({
  policyId,
  checkId,
  onPolicy,
  onCheck,
}: {
  policyId: string;
  checkId: number | undefined;
  onPolicy: (id: string) => void;
  onCheck: (id: number) => void;
}) {
  const policies = useResource(listAuditPolicies);
  const loadPolicy = useCallback(
    () => (policyId === '' ? Promise.resolve(undefined) : getAuditPolicy(policyId)),
    [policyId],
  );
  const policy = useResource(loadPolicy);
  const checks = policy.data?.checkList ?? [];
  return (
    <>
      <ErrorAlert error={policies.error ?? policy.error} />
      <Field id="waiver-policy" label="Policy">
        <select
          id="waiver-policy"
          className="select"
          required
          value={policyId}
          onChange={(event) => onPolicy(event.target.value)}
        >
          <option value="">Choose a policy…</option>
          {(policies.data?.policies ?? []).map((option) => (
            <option key={option.id} value={option.id}>
              {option.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="waiver-check" label="Check">
        <select
          id="waiver-check"
          className="select"
          required
          disabled={checks.length === 0}
          value={checkId ?? ''}
          onChange={(event) => onCheck(Number(event.target.value))}
        >
          <option value="">Choose a check…</option>
          {checks.map((check) => (
            <option key={check.id} value={check.id}>
              {check.id} · {check.name}
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}

/**
 * A waiver takes one check out of the score where it does not apply for a reason the checks
 * cannot see (a compensating control, an accepted risk): who owns that decision, why, and until
 * when. Reports list each waiver with its justification.
 */
export function WaiverForm({ hosts, check, initialScope = 'all', onCreated, onCancel }: WaiverFormProps) {
  const { me } = useSession();
  const [policyId, setPolicyId] = useState(check?.policyId ?? '');
  const [checkId, setCheckId] = useState<number | undefined>(check?.checkId);
  const [scopeValue, setScopeValue] = useState(initialScope);
  const [justification, setJustification] = useState('');
  const [owner, setOwner] = useState(me.username);
  const [expires, setExpires] = useState(() => dateValue(Date.now() + 90 * day));
  const { busy, error, run } = useSubmit();
  const scopes = useMemo(() => scopeOptions(hosts), [hosts]);

  function submit(event: SubmitEvent) {
    event.preventDefault();
    void run(async () => {
      if (policyId === '' || checkId === undefined)
        throw new Error('Choose the policy and the check to waive.');
      const scope = scopes.find((option) => option.value === scopeValue)?.scope ?? 'all';
      // The end of the chosen day where the user is: the waiver holds through that whole day.
      const expiresAt = expires === '' ? null : new Date(`${expires}T23:59:59.999`).toISOString();
      onCreated(
        await createWaiver({
          policyId,
          checkId,
          scope,
          justification: justification.trim(),
          owner: owner.trim(),
          expiresAt,
        }),
      );
    });
  }

  return (
    <form className="form" onSubmit={submit} data-testid="waiver-form">
      <ErrorAlert error={error} />
      {check === undefined ? (
        <div className="form-grid">
          <PolicyCheckFields
            policyId={policyId}
            checkId={checkId}
            onPolicy={(id) => {
              setPolicyId(id);
              setCheckId(undefined);
            }}
            onCheck={setCheckId}
          />
        </div>
      ) : (
        <p className="dialog-body">
          Check <strong>{check.checkName}</strong> <span className="mono">({check.checkId})</span> of{' '}
          {check.policyName} no longer counts against the score where the waiver applies. It is still run and
          its result is still shown, marked waived.
        </p>
      )}
      <div className="form-grid">
        <SelectField
          id="waiver-scope"
          label="Applies to"
          options={scopes}
          value={scopeValue}
          onChange={setScopeValue}
        />
        <TextField
          id="waiver-owner"
          label="Owner"
          hint="Who answers for this decision and reviews it."
          required
          maxLength={200}
          value={owner}
          onChange={setOwner}
        />
        <Field
          id="waiver-expires"
          label="Expires"
          hint="After this day the check counts again. Leave empty for no expiry."
        >
          <input
            id="waiver-expires"
            type="date"
            className="input"
            min={dateValue(Date.now() + day)}
            value={expires}
            onChange={(event) => setExpires(event.target.value)}
            aria-describedby="waiver-expires-hint"
          />
        </Field>
      </div>
      <Field
        id="waiver-justification"
        label="Justification"
        hint="Why the check does not apply or the risk is accepted, and what compensates for it. Auditors read this in the reports."
      >
        <textarea
          id="waiver-justification"
          className="input textarea"
          rows={3}
          required
          maxLength={2000}
          value={justification}
          onChange={(event) => setJustification(event.target.value)}
          aria-describedby="waiver-justification-hint"
        />
      </Field>
      <div className={onCancel === undefined ? 'form-actions' : 'dialog-actions'}>
        {onCancel !== undefined && (
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Create waiver
        </button>
      </div>
    </form>
  );
}
