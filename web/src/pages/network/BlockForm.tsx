import { useMemo, useState } from 'react';
import type { Agent } from '../../../../src/protocol/agents.ts';
import type { Block, BlockScope } from '../../../../src/protocol/blocks.ts';
import { createBlock } from '../../api/blocks.ts';
import { Form } from '../../components/Form.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';

const hour = 3600;
/** 0 stands for "until lifted": SelectField's values are strings or numbers. */
const durations = [
  { label: '1 hour', value: hour },
  { label: '24 hours', value: 24 * hour },
  { label: '7 days', value: 7 * 24 * hour },
  { label: '30 days', value: 30 * 24 * hour },
  { label: 'Until lifted', value: 0 },
];

/** Every host, each group, each host: the scopes to offer, keyed by the select's value. */
function scopeOptions(agents: readonly Agent[]): { value: string; label: string; scope: BlockScope }[] {
  const enrolled = agents.filter((agent) => agent.status !== 'revoked');
  const groups = [...new Set(enrolled.map((agent) => agent.group))].sort();
  return [
    { value: 'all', label: 'All hosts', scope: 'all' },
    ...groups.map((group) => ({ value: `group:${group}`, label: `Group ${group}`, scope: { group } })),
    ...enrolled.map((agent) => ({
      value: `agent:${agent.id}`,
      label: `Host ${agent.hostname}`,
      scope: { agents: [agent.id] },
    })),
  ];
}

interface BlockFormProps {
  /** Hosts to offer as scopes; empty offers every host only. */
  agents: readonly Agent[];
  onBlocked: (block: Block) => void;
}

export function BlockForm({ agents, onBlocked }: BlockFormProps) {
  const [address, setAddress] = useState('');
  const [duration, setDuration] = useState(24 * hour);
  const [scopeValue, setScopeValue] = useState('all');
  const [reason, setReason] = useState('');
  const scopes = useMemo(() => scopeOptions(agents), [agents]);

  async function submit() {
    const scope = scopes.find((option) => option.value === scopeValue)?.scope ?? 'all';
    onBlocked(
      await createBlock({
        address: address.trim(),
        durationSeconds: duration === 0 ? null : duration,
        reason,
        scope,
      }),
    );
    setAddress('');
    setReason('');
  }

  return (
    <Form onSubmit={submit} submitLabel="Block address">
      <div className="form-grid">
        <TextField
          id="block-address"
          label="Address"
          hint="An IPv4 or IPv6 address, or a CIDR range such as 203.0.113.0/24."
          autoComplete="off"
          spellCheck={false}
          required
          maxLength={64}
          placeholder="203.0.113.9"
          value={address}
          onChange={setAddress}
        />
        <SelectField
          id="block-duration"
          label="For"
          options={durations}
          value={duration}
          onChange={setDuration}
        />
        <SelectField
          id="block-scope"
          label="On"
          options={scopes}
          value={scopeValue}
          onChange={setScopeValue}
        />
      </div>
      <TextField
        id="block-reason"
        label="Reason"
        hint="Why, for the audit log and whoever reviews blocks later."
        required
        maxLength={500}
        value={reason}
        onChange={setReason}
      />
    </Form>
  );
}
