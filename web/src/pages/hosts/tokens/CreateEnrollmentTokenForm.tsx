import { useState } from 'react';
import type { CreatedEnrollmentToken } from '../../../../../src/protocol/agents.ts';
import { createEnrollmentToken } from '../../../api/agents.ts';
import { Form } from '../../../components/Form.tsx';
import { SelectField } from '../../../components/SelectField.tsx';
import { TextField } from '../../../components/TextField.tsx';

const hour = 3600;
const lifetimes = [
  { label: '1 hour', value: hour },
  { label: '24 hours', value: 24 * hour },
  { label: '7 days', value: 7 * 24 * hour },
];
const maxUsesLimit = 100_000;

export function CreateEnrollmentTokenForm({
  onCreated,
}: {
  onCreated: (token: CreatedEnrollmentToken) => void;
}) {
  const [group, setGroup] = useState('default');
  const [expiresInSeconds, setExpiresInSeconds] = useState(24 * hour);
  const [maxUses, setMaxUses] = useState('');

  async function submit() {
    const trimmed = maxUses.trim();
    const uses = trimmed === '' ? undefined : Number(trimmed);
    if (uses !== undefined && (!Number.isInteger(uses) || uses < 1 || uses > maxUsesLimit)) {
      throw new Error(`Max uses must be a whole number from 1 to ${maxUsesLimit.toLocaleString()}.`);
    }
    onCreated(
      await createEnrollmentToken({
        group: group.trim(),
        expiresInSeconds,
        ...(uses === undefined ? {} : { maxUses: uses }),
      }),
    );
    setMaxUses('');
  }

  return (
    <Form onSubmit={submit} submitLabel="Create enrollment token">
      <div className="form-grid">
        <TextField
          id="enrollment-group"
          label="Group"
          hint="Hosts enrolled with it join this group. Lowercase letters, digits, “.”, “_” and “-”."
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          required
          maxLength={64}
          value={group}
          onChange={setGroup}
        />
        <SelectField
          id="enrollment-expiry"
          label="Expires after"
          options={lifetimes}
          value={expiresInSeconds}
          onChange={setExpiresInSeconds}
        />
        <TextField
          id="enrollment-max-uses"
          label="Max uses"
          hint="How many hosts may enroll with it. Empty: any number until it expires."
          type="number"
          inputMode="numeric"
          min={1}
          max={maxUsesLimit}
          step={1}
          placeholder="Unlimited"
          value={maxUses}
          onChange={setMaxUses}
        />
      </div>
    </Form>
  );
}
