import { useState } from 'react';
import type { NetScanGroup, NetScanSummary } from '../../../../../src/protocol/netscan-api.ts';
import { checkFamilies, type CheckFamily } from '../../../../../src/protocol/netscan.ts';
import { startNetScan } from '../../../api/netscans.ts';
import { Form } from '../../../components/Form.tsx';
import { SelectField } from '../../../components/SelectField.tsx';
import { TextField } from '../../../components/TextField.tsx';
import { CheckboxGroup } from '../../patches/CheckboxGroup.tsx';

/** The select's value for typed targets; group names are lowercase, so it cannot clash with one. */
const adHoc = ' ad-hoc';

const familyOptions: readonly { value: CheckFamily; label: string; note: string }[] = [
  { value: 'tls', label: 'TLS', note: 'versions, cipher suites, certificates' },
  { value: 'ssh', label: 'SSH', note: 'algorithms, host keys, password log-in' },
  { value: 'http', label: 'HTTP', note: 'security headers, exposed files, admin pages' },
  { value: 'exposure', label: 'Exposure', note: 'services open without a password, clear text' },
];

interface RunScanFormProps {
  groups: readonly NetScanGroup[];
  /** What the server may scan at all, shown so nobody types a target it will refuse. */
  scope: readonly string[];
  onQueued: (scan: NetScanSummary) => void;
}

/**
 * Starts a scan of a configured group, or of typed targets with their own ports. The server
 * refuses targets outside `netscan.scope` and names them; the form shows that above its fields.
 */
export function RunScanForm({ groups, scope, onQueued }: RunScanFormProps) {
  const [choice, setChoice] = useState(groups[0]?.name ?? adHoc);
  const [targets, setTargets] = useState('');
  const [ports, setPorts] = useState('');
  const [checks, setChecks] = useState<ReadonlySet<string>>(() => new Set(checkFamilies));
  const [internetFacing, setInternetFacing] = useState(false);
  const options = [
    ...groups.map((group) => ({ value: group.name, label: `Group ${group.name}` })),
    { value: adHoc, label: 'Targets I type' },
  ];

  async function submit() {
    const typed = targets.split(/[\s,]+/).filter((target) => target !== '');
    const chosen = checkFamilies.filter((family) => checks.has(family));
    if (choice === adHoc && chosen.length === 0) throw new Error('Choose at least one kind of check.');
    const body =
      choice === adHoc
        ? {
            targets: typed,
            ...(ports.trim() === '' ? {} : { ports: ports.trim() }),
            // Every family is the server's default: only a narrower choice is sent.
            ...(chosen.length === checkFamilies.length ? {} : { checks: chosen }),
            ...(internetFacing ? { internetFacing } : {}),
          }
        : { group: choice };
    onQueued(await startNetScan(body));
    setTargets('');
  }

  return (
    <Form onSubmit={submit} submitLabel="Run scan">
      <div className="form-grid">
        <SelectField id="scan-what" label="Scan" value={choice} options={options} onChange={setChoice} />
        {choice === adHoc && (
          <>
            <TextField
              id="scan-targets"
              label="Targets"
              hint={`Addresses, CIDR ranges or host names, separated by spaces or commas. Allowed: ${scope.join(', ') || 'nothing yet'}.`}
              autoComplete="off"
              spellCheck={false}
              required
              maxLength={4000}
              placeholder="10.0.0.0/24 db1.example.com"
              value={targets}
              onChange={setTargets}
            />
            <TextField
              id="scan-ports"
              label="Ports"
              hint="22,80,8000-8100, top-100 or all; empty for the server’s default."
              autoComplete="off"
              spellCheck={false}
              maxLength={2000}
              placeholder="top-1000"
              value={ports}
              onChange={setPorts}
            />
          </>
        )}
      </div>
      {choice === adHoc && (
        <>
          <CheckboxGroup
            legend="Checks"
            options={familyOptions}
            chosen={checks}
            onChange={setChecks}
            empty="No checks to choose."
          />
          <label className="inline-check">
            <input
              type="checkbox"
              checked={internetFacing}
              onChange={(event) => setInternetFacing(event.target.checked)}
            />
            The internet reaches these hosts: judge databases and admin services as exposed
          </label>
        </>
      )}
    </Form>
  );
}
