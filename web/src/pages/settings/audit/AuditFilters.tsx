import { useState, type SubmitEvent } from 'react';
import type { AuditOutcome } from '../../../../../src/protocol/audit.ts';

export interface AuditFilterValues {
  actor: string;
  outcome: AuditOutcome | '';
}

// A Record rather than the protocol's auditOutcomes array: it is checked for completeness at compile
// time, and importing audit.ts at runtime would pull zod into the bundle (its z.coerce defeats tree-shaking).
const outcomeLabels: Record<AuditOutcome, string> = {
  success: 'Success',
  failure: 'Failure',
  denied: 'Denied',
  error: 'Error',
};

export function AuditFilters({ onApply }: { onApply: (filters: AuditFilterValues) => void }) {
  const [actor, setActor] = useState('');
  const [outcome, setOutcome] = useState<AuditOutcome | ''>('');

  function submit(event: SubmitEvent) {
    event.preventDefault();
    onApply({ actor: actor.trim(), outcome });
  }

  return (
    <form className="toolbar-form" role="search" onSubmit={submit}>
      <div className="inline-field">
        <label htmlFor="audit-actor">Actor</label>
        <input
          id="audit-actor"
          className="input input-sm"
          type="search"
          placeholder="username"
          maxLength={64}
          autoComplete="off"
          value={actor}
          onChange={(event) => setActor(event.target.value)}
        />
      </div>
      <div className="inline-field">
        <label htmlFor="audit-outcome">Outcome</label>
        <select
          id="audit-outcome"
          className="select select-sm"
          value={outcome}
          onChange={(event) => {
            const next = event.target.value as AuditOutcome | '';
            setOutcome(next);
            onApply({ actor: actor.trim(), outcome: next });
          }}
        >
          <option value="">Any</option>
          {Object.entries(outcomeLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn btn-sm">
        Apply
      </button>
    </form>
  );
}
