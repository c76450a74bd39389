import type { AuditPolicyDetail } from '../../../../../src/protocol/audits-api.ts';
import { saveAuditPolicy } from '../../../api/audits.ts';
import { YamlPolicyEditor } from '../../../components/YamlPolicyEditor.tsx';
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

/** A saved policy waits for an administrator's approval before any agent runs it. */
export function PolicyEditor({ id, ...props }: PolicyEditorProps) {
  return (
    <YamlPolicyEditor
      {...props}
      current={id}
      keyOf={policyIdOf}
      keyLabel="id"
      missingKey='The policy needs an "id:" under "policy:": letters, digits, "_", "." and "-".'
      save={saveAuditPolicy}
      title={{ create: 'Upload an audit policy', edit: 'Edit policy' }}
      hint="Wazuh SCA format, 4.x or 5.x: each check has rules on files (f:), directories (d:), commands (c:) or processes (p:). The server checks the policy when you save; agents run it once an administrator approves it."
      idPrefix="audit-policy"
    />
  );
}
