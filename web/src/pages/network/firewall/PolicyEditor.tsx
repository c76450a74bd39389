import { useId, useState, type SubmitEvent } from 'react';
import { toApiError } from '../../../api/ApiError.ts';
import type { FirewallPolicyDetail } from '../../../../../src/protocol/firewall-policies-api.ts';
import { saveFirewallPolicy } from '../../../api/firewallPolicies.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Field } from '../../../components/Field.tsx';
import { Icon } from '../../../components/Icon.tsx';
import { Panel } from '../../../components/Panel.tsx';
import { useSubmit } from '../../../hooks/useSubmit.ts';
import { policyNameOf } from './policyTemplate.ts';

interface PolicyEditorProps {
  /** The policy being edited; undefined for a new one, named by its YAML. */
  name: string | undefined;
  initialSource: string;
  /** Names already used: a new policy must not replace one of them by accident. */
  taken: readonly string[];
  onSaved: (policy: FirewallPolicyDetail) => void;
  onCancel: () => void;
}

/**
 * The policy's YAML, checked by the server on save: a refusal's issues are listed under the
 * editor by their path in the policy (`inbound.allow.0.ports`), anything else above it.
 */
export function PolicyEditor({ name, initialSource, taken, onSaved, onCancel }: PolicyEditorProps) {
  const [source, setSource] = useState(initialSource);
  const { busy, error, run } = useSubmit();
  const issuesId = useId();
  const refusal = error === undefined ? undefined : toApiError(error);
  const issues = refusal?.status === 422 ? refusal.issues : [];

  function submit(event: SubmitEvent) {
    event.preventDefault();
    void run(async () => {
      const target = name ?? policyNameOf(source);
      if (target === undefined)
        throw new Error('The policy needs a top-level "name:" line: letters, digits, ".", "_" and "-".');
      if (name === undefined && taken.includes(target))
        throw new Error(`A policy named ${target} exists already: choose another name, or edit that one.`);
      onSaved(await saveFirewallPolicy(target, source));
    });
  }

  return (
    <Panel title={name === undefined ? 'New firewall policy' : `Edit policy ${name}`}>
      <form className="form" onSubmit={submit} data-testid="policy-editor">
        {issues.length === 0 && <ErrorAlert error={error} />}
        <Field
          id="policy-source"
          label="Policy (YAML)"
          hint="Rules name the ports each host group accepts and from where; indent with spaces. The server checks the policy and renders its nftables ruleset when you save."
        >
          <textarea
            id="policy-source"
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
            aria-describedby={issues.length > 0 ? `policy-source-hint ${issuesId}` : 'policy-source-hint'}
          />
        </Field>
        {issues.length > 0 && (
          <div className="alert alert-error" role="alert" id={issuesId} data-testid="policy-issues">
            <Icon name="warning" />
            <div>
              <p>
                Not saved: the policy has {issues.length === 1 ? 'a problem' : `${issues.length} problems`}.
              </p>
              <ul className="alert-issues">
                {issues.map((issue, index) => (
                  <li key={index}>
                    {issue.path !== '' && <code className="policy-issue-path">{issue.path}</code>}
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
