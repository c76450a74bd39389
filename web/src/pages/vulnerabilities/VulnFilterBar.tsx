import { useState, type SubmitEvent } from 'react';
import type { VulnSummary } from '../../../../src/protocol/vuln-api.ts';
import { SelectField } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { defaultFilterValues, type VulnFilterValues } from './vulnFilters.ts';
import { minimumSeverityOptions } from './vulnLabels.ts';

interface VulnFilterBarProps {
  values: VulnFilterValues;
  hosts: VulnSummary['hosts'];
  onApply: (values: VulnFilterValues) => void;
}

type SelectKey = 'host' | 'severity' | 'fix' | 'status' | 'sort';

const statusOptions = [
  { value: 'open', label: 'Open' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'all', label: 'Open and resolved' },
] as const;

const severityOptions = minimumSeverityOptions;

const fixOptions = [
  { value: '', label: 'Any' },
  { value: 'available', label: 'Fix available' },
  { value: 'none', label: 'No fix yet' },
] as const;

const sortOptions = [
  { value: 'risk', label: 'Risk, highest first' },
  { value: 'dueAt', label: 'Due date, soonest first' },
  { value: 'firstSeen', label: 'First seen, newest first' },
] as const;

/**
 * Choices apply at once; typed text applies on Enter or Apply, so a half-typed CVE never queries.
 * The parent keys this form by the address, so Back and links reset what is typed.
 */
export function VulnFilterBar({ values, hosts, onApply }: VulnFilterBarProps) {
  const [typed, setTyped] = useState({ q: values.q, package: values.package });
  const hostOptions = [
    { value: '', label: 'Every host' },
    ...hosts
      .map((host) => ({ value: host.agentId, label: host.hostname ?? host.agentId }))
      .sort((a, b) => a.label.localeCompare(b.label)),
  ];
  // A host named by the address but without open findings is still shown as chosen.
  if (values.host !== '' && !hostOptions.some((option) => option.value === values.host))
    hostOptions.push({ value: values.host, label: values.host });

  const choose = (change: Partial<VulnFilterValues>) => onApply({ ...values, ...typed, ...change });

  /** A choice that applies at once. */
  const select = <K extends SelectKey>(
    key: K,
    label: string,
    options: readonly { value: VulnFilterValues[K]; label: string }[],
  ) => (
    <SelectField
      id={`vuln-${key}`}
      label={label}
      value={values[key]}
      options={options}
      onChange={(value) => choose({ [key]: value })}
    />
  );

  function submit(event: SubmitEvent) {
    event.preventDefault();
    onApply({ ...values, ...typed });
  }

  return (
    <form className="vuln-filters" role="search" aria-label="Filter findings" onSubmit={submit}>
      <div className="vuln-filter-grid">
        <TextField
          id="vuln-q"
          label="CVE or advisory"
          type="search"
          placeholder="CVE-2024-3094"
          maxLength={200}
          autoComplete="off"
          spellCheck={false}
          value={typed.q}
          onChange={(q) => setTyped({ ...typed, q })}
        />
        <TextField
          id="vuln-package"
          label="Package"
          type="search"
          placeholder="openssl"
          maxLength={200}
          autoComplete="off"
          spellCheck={false}
          value={typed.package}
          onChange={(name) => setTyped({ ...typed, package: name })}
        />
        {select('host', 'Host', hostOptions)}
        {select('severity', 'Severity', severityOptions)}
        {select('fix', 'Fix', fixOptions)}
        {select('status', 'Status', statusOptions)}
        {select('sort', 'Sort', sortOptions)}
      </div>
      <div className="toolbar-form">
        <label className="inline-check">
          <input
            type="checkbox"
            checked={values.kevOnly}
            onChange={(event) => choose({ kevOnly: event.target.checked })}
          />
          Known exploited (KEV) only
        </label>
        <div className="vuln-filter-actions">
          <button type="submit" className="btn btn-sm btn-primary">
            Apply
          </button>
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => onApply({ ...defaultFilterValues, view: values.view })}
          >
            Reset
          </button>
        </div>
      </div>
    </form>
  );
}
