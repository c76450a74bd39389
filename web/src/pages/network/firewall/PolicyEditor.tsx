import type { FirewallPolicyDetail } from '../../../../../src/protocol/firewall-policies-api.ts';
import { saveFirewallPolicy } from '../../../api/firewallPolicies.ts';
import { YamlPolicyEditor } from '../../../components/YamlPolicyEditor.tsx';
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

export function PolicyEditor({ name, ...props }: PolicyEditorProps) {
  return (
    <YamlPolicyEditor
      {...props}
      current={name}
      keyOf={policyNameOf}
      keyLabel="name"
      missingKey='The policy needs a top-level "name:" line: letters, digits, ".", "_" and "-".'
      save={saveFirewallPolicy}
      title={{ create: 'New firewall policy', edit: 'Edit policy' }}
      hint="Rules name the ports each host group accepts and from where; indent with spaces. The server checks the policy and renders its nftables ruleset when you save."
      idPrefix="policy"
    />
  );
}
