import { useId, useState, type SubmitEvent } from 'react';
import { toApiError } from '../api/ApiError.ts';
import { useSubmit } from '../hooks/useSubmit.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { Field } from './Field.tsx';
import { Icon } from './Icon.tsx';
import { Panel } from './Panel.tsx';

export interface YamlPolicyEditorProps<T> {
  /** The policy being edited; undefined for a new one, named by its YAML (`keyOf`). */
  current: string | undefined;
  initialSource: string;
  /** Keys already used: a new policy must not replace one of them by accident. */
  taken: readonly string[];
  /** The policy's key as its YAML names it, or undefined when it names none. */
  keyOf: (source: string) => string | undefined;
  /** Said when the YAML names no key, e.g. 'The policy needs a top-level "name:" line'. */
  missingKey: string;
  /** What the key is called in messages: `name`, `id`. */
  keyLabel: string;
  save: (key: string, source: string) => Promise<T>;
  onSaved: (saved: T) => void;
  onCancel: () => void;
  title: { create: string; edit: string };
  hint: string;
  /** Prefix of the element ids and test ids (`policy` → `policy-source`, `policy-editor`, `policy-issues`). */
  idPrefix: string;
}

/**
 * A policy's YAML, checked by the server on save: a refusal's issues are listed under the
 * editor by their path in the policy (`inbound.allow.0.ports`, `checks.3.rules.0`), anything
 * else above it. Firewall and audit policies both use it.
 */
export function YamlPolicyEditor<T>(props: YamlPolicyEditorProps<T>) {
  const { current, idPrefix } = props;
  const [source, setSource] = useState(props.initialSource);
  const { busy, error, run } = useSubmit();
  const issuesId = useId();
  const refusal = error === undefined ? undefined : toApiError(error);
  const issues = refusal?.status === 422 ? refusal.issues : [];
  const sourceId = `${idPrefix}-source`;

  function submit(event: SubmitEvent) {
    event.preventDefault();
    void run(async () => {
      const target = current ?? props.keyOf(source);
      if (target === undefined) throw new Error(props.missingKey);
      if (current === undefined && props.taken.includes(target))
        throw new Error(
          `A policy with the ${props.keyLabel} ${target} exists already: choose another ${props.keyLabel}, or edit that one.`,
        );
      props.onSaved(await props.save(target, source));
    });
  }

  return (
    <Panel title={current === undefined ? props.title.create : `${props.title.edit} ${current}`}>
      <form className="form" onSubmit={submit} data-testid={`${idPrefix}-editor`}>
        {issues.length === 0 && <ErrorAlert error={error} />}
        <Field id={sourceId} label="Policy (YAML)" hint={props.hint}>
          <textarea
            id={sourceId}
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
            aria-describedby={issues.length > 0 ? `${sourceId}-hint ${issuesId}` : `${sourceId}-hint`}
          />
        </Field>
        {issues.length > 0 && (
          <div className="alert alert-error" role="alert" id={issuesId} data-testid={`${idPrefix}-issues`}>
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
          <button type="button" className="btn" onClick={props.onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </Panel>
  );
}
