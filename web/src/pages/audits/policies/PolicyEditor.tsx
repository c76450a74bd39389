import { useId, useState, type SubmitEvent } from 'react';
import { toApiError } from '../../../api/ApiError.ts';
import type { AuditPolicyDetail } from '../../../../../src/protocol/audits-api.ts';
import { saveAuditPolicy } from '../../../api/audits.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Field } from '../../../components/Field.tsx';
import { Icon } from '../../../components/Icon.tsx';
import { Panel } from '../../../components/Panel.tsx';
import { useSubmit } from '../../../hooks/useSubmit.ts';
import { policyIdOf } from './policyTemplate.ts';

interface PolicyEditorProps {
  /** The policy being edited; undefined for a new one, named by its YAML's `policy.id`. */
  id: string | undefined;
  initialSource: string;
  /** Ids already used: a new policy must not replace one of them by accident. */
  taken: readonly string[];
  onSaved: (policy: AuditPolicyDetail) => void;
  onCancel: () => void;
}

/**
 * The policy's YAML, checked by the server on save: a refusal's issues are listed under the
 * editor by their path in the policy (`checks.3.rules.0`), anything else above it. A saved
 * policy waits for an administrator's approval before any agent runs it.
 */
export function PolicyEditor({ id, initialSource, taken, onSaved, onCancel }: PolicyEditorProps) {
  const [source, setSource] = useState(initialSource);
  const { busy, error, run } = useSubmit();
  const issuesId = useId();
  const refusal = error === undefined ? undefined : toApiError(error);
  const issues = refusal?.status === 422 ? refusal.issues : [];

  function submit(event: SubmitEvent) {
    event.preventDefault();
    void run(async () => {
      const target = id ?? policyIdOf(source);
      if (target === undefined)
        throw new Error('The policy needs an "id:" under "policy:": letters, digits, "_", "." and "-".');
      if (id === undefined && taken.includes(target))
        throw new Error(
          `A policy with the id ${target} exists already: choose another id, or edit that one.`,
        );
      onSaved(await saveAuditPolicy(target, source));
    });
  }

  return (
    <Panel title={id === undefined ? 'Upload an audit policy' : `Edit policy ${id}`}>
      <form className="form" onSubmit={submit} data-testid="audit-policy-editor">
        {issues.length === 0 && <ErrorAlert error={error} />}
        <Field
          id="audit-policy-source"
          label="Policy (YAML)"
          hint="Wazuh SCA format, 4.x or 5.x: each check has rules on files (f:), directories (d:), commands (c:) or processes (p:). The server checks the policy when you save; agents run it once an administrator approves it."
        >
          <textarea
            id="audit-policy-source"
            className="input textarea input-mono policy-source"
            rows={24}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            wrap="off"
            required
            value={source}
            onChange={(event) => setSource(event.target.value)}
            aria-invalid={issues.length > 0}
            aria-describedby={
              issues.length > 0 ? `audit-policy-source-hint ${issuesId}` : 'audit-policy-source-hint'
            }
          />
        </Field>
        {issues.length > 0 && (
          <div className="alert alert-error" role="alert" id={issuesId} data-testid="audit-policy-issues">
            <Icon name="warning" />
            <div>
              <p>
                Not saved: the policy has {issues.length === 1 ? 'a problem' : `${issues.length} problems`}.
              </p>
              <ul className="alert-issues">
                {issues.map((issue, index) => (
                  <li key={index}>
                    {issue.path !== '' && issue.path !== '(root)' && (
                      <code className="policy-issue-path">{issue.path}</code>
                    )}
                    {issue.message}
                  </li>
                ))}
              </ul>
            </div>
          </div>
        )}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            Save policy
          </button>
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </Panel>
  );
}
