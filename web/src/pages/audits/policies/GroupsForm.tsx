import { useState, type SubmitEvent } from 'react';
import type { AuditPolicyDetail } from '../../../../../src/protocol/audits-api.ts';
import { setAuditPolicyGroups } from '../../../api/audits.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useSubmit } from '../../../hooks/useSubmit.ts';

interface GroupsFormProps {
  policy: AuditPolicyDetail;
  /** Groups hosts are enrolled in; the policy's own are offered too, even with no host left. */
  knownGroups: readonly string[];
  onSaved: (policy: AuditPolicyDetail) => void;
}

/** Which host groups run the policy: a box per known group, and a field for one no host is in yet. */
export function GroupsForm({ policy, knownGroups, onSaved }: GroupsFormProps) {
  const [chosen, setChosen] = useState(() => new Set(policy.groups));
  const [other, setOther] = useState('');
  const { busy, error, run } = useSubmit();
  const offered = [...new Set([...knownGroups, ...policy.groups])].sort();

  function toggle(group: string, on: boolean) {
    const next = new Set(chosen);
    if (on) next.add(group);
    else next.delete(group);
    setChosen(next);
  }

  function submit(event: SubmitEvent) {
    event.preventDefault();
    void run(async () => {
      const groups = [...chosen, ...(other.trim() === '' ? [] : [other.trim()])];
      onSaved(await setAuditPolicyGroups(policy.id, [...new Set(groups)].sort()));
      setOther('');
    });
  }

  return (
    <form className="form policy-groups" onSubmit={submit} aria-label="Assign to host groups">
      <ErrorAlert error={error} />
      <fieldset className="fieldset">
        <legend className="field-label">Runs on host groups</legend>
        {offered.length === 0 ? (
          <p className="field-hint">No host has enrolled yet; name a group below.</p>
        ) : (
          <div className="checkbox-grid">
            {offered.map((group) => (
              <label key={group} className="checkbox">
                <input
                  type="checkbox"
                  name="group"
                  value={group}
                  checked={chosen.has(group)}
                  onChange={(event) => toggle(group, event.target.checked)}
                />
                <span className="mono">{group}</span>
              </label>
            ))}
          </div>
        )}
      </fieldset>
      <div className="toolbar-form">
        <div className="inline-field">
          <label htmlFor="policy-other-group">Another group</label>
          <input
            id="policy-other-group"
            className="input input-sm"
            autoComplete="off"
            spellCheck={false}
            maxLength={64}
            value={other}
            onChange={(event) => setOther(event.target.value)}
          />
        </div>
        <button type="submit" className="btn btn-sm btn-primary" disabled={busy}>
          Save groups
        </button>
      </div>
    </form>
  );
}
