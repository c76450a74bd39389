import { useState, type SubmitEvent } from 'react';
import { checkFamilies } from '../../../../../src/protocol/netscan.ts';
import { SelectField } from '../../../components/SelectField.tsx';
import { TextField } from '../../../components/TextField.tsx';
import { minimumSeverityOptions } from '../../vulnerabilities/vulnLabels.ts';
import { noFindingFilters, type NetFindingFilterValues } from './netFindingFilters.ts';

const statusOptions = [
  { value: 'open', label: 'Open' },
  { value: 'acknowledged', label: 'Acknowledged' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'all', label: 'All' },
] as const;

const severityOptions = minimumSeverityOptions;

interface NetFindingFilterBarProps {
  values: NetFindingFilterValues;
  groups: readonly string[];
  onApply: (values: NetFindingFilterValues) => void;
}

/** Choices apply at once, typed text on Enter or Apply; the parent keys it by the address. */
export function NetFindingFilterBar({ values, groups, onApply }: NetFindingFilterBarProps) {
  const [typed, setTyped] = useState({ check: values.check, address: values.address });
  const groupOptions = [
    { value: '', label: 'Every group' },
    ...groups.map((name) => ({ value: name, label: name })),
  ];
  if (values.group !== '' && !groups.includes(values.group))
    groupOptions.push({ value: values.group, label: values.group });

  const choose = (change: Partial<NetFindingFilterValues>) => onApply({ ...values, ...typed, ...change });

  function submit(event: SubmitEvent) {
    event.preventDefault();
    onApply({ ...values, check: typed.check.trim(), address: typed.address.trim() });
  }

  return (
    <form className="toolbar-form net-filters" role="search" aria-label="Filter findings" onSubmit={submit}>
      <TextField
        id="net-finding-check"
        label="Check"
        type="search"
        placeholder="tls or tls.cert-expired"
        maxLength={100}
        autoComplete="off"
        spellCheck={false}
        list="net-check-families"
        value={typed.check}
        onChange={(check) => setTyped({ ...typed, check })}
      />
      <datalist id="net-check-families">
        {checkFamilies.map((family) => (
          <option key={family} value={family} />
        ))}
      </datalist>
      <TextField
        id="net-finding-address"
        label="Address"
        type="search"
        placeholder="10.0.0.5"
        maxLength={64}
        autoComplete="off"
        spellCheck={false}
        value={typed.address}
        onChange={(address) => setTyped({ ...typed, address })}
      />
      <SelectField
        id="net-finding-severity"
        label="Severity"
        value={values.severity}
        options={severityOptions}
        onChange={(severity) => choose({ severity })}
      />
      <SelectField
        id="net-finding-status"
        label="Status"
        value={values.status}
        options={statusOptions}
        onChange={(status) => choose({ status })}
      />
      <SelectField
        id="net-finding-group"
        label="Group"
        value={values.group}
        options={groupOptions}
        onChange={(group) => choose({ group })}
      />
      <div className="net-filter-actions">
        <button type="submit" className="btn btn-sm btn-primary">
          Apply
        </button>
        <button type="button" className="btn btn-sm" onClick={() => onApply(noFindingFilters)}>
          Reset
        </button>
      </div>
    </form>
  );
}
