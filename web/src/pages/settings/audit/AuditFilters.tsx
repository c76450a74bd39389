import { useState, type FormEvent } from 'react';
import type { AuditOutcome } from '../../../../../src/protocol/audit.ts';

export interface AuditFilterValues {
  actor: string;
  outcome: AuditOutcome | '';
}

// Mirrors auditOutcomes in the protocol without pulling zod into the bundle for one array.
const outcomes: readonly AuditOutcome[] = ['success', 'failure', 'denied', 'error'];

export function AuditFilters({ onApply }: { onApply: (filters: AuditFilterValues) => void }) {
  const [actor, setActor] = useState('');
  const [outcome, setOutcome] = useState<AuditOutcome | ''>('');

  function submit(event: FormEvent) {
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
          {outcomes.map((option) => (
            <option key={option} value={option}>
              {option}
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
