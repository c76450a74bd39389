import { useState, type SubmitEvent } from 'react';
import { severities } from '../../../../../src/protocol/finding.ts';
import { minimumSeverityLabel, statusFilterLabels } from '../alertLabels.ts';
import { defaultFilterValues, timeRanges, type AlertFilterValues } from './alertFilterValues.ts';

interface AlertFilterBarProps {
  initial: AlertFilterValues;
  onApply: (values: AlertFilterValues) => void;
}

const textFields = [
  { name: 'rule', label: 'Rule', placeholder: 'rule id', width: 'input-rule' },
  { name: 'srcIp', label: 'Source IP', placeholder: '203.0.113.9', width: 'input-entity' },
  { name: 'user', label: 'User', placeholder: 'root', width: 'input-entity' },
  { name: 'host', label: 'Host', placeholder: 'web1', width: 'input-entity' },
] as const;

interface FilterSelectProps {
  id: string;
  label: string;
  value: string;
  options: readonly (readonly [value: string, label: string])[];
  onChange: (value: string) => void;
}

function FilterSelect({ id, label, value, options, onChange }: FilterSelectProps) {
  return (
    <div className="inline-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        className="select select-sm"
        value={value}
        onChange={(event) => onChange(event.target.value)}
      >
        {options.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Choices apply at once; typed text applies on Enter or Apply, so a half-typed address never queries. */
export function AlertFilterBar({ initial, onApply }: AlertFilterBarProps) {
  const [values, setValues] = useState(initial);

  function choose(change: Partial<AlertFilterValues>) {
    const next = { ...values, ...change };
    setValues(next);
    onApply(next);
  }

  function submit(event: SubmitEvent) {
    event.preventDefault();
    onApply(values);
  }

  return (
    <form className="alert-filters" role="search" aria-label="Filter alerts" onSubmit={submit}>
      <div className="toolbar-form">
        <div className="inline-field alert-search">
          <label htmlFor="alert-q">Search</label>
          <input
            id="alert-q"
            className="input input-sm"
            type="search"
            placeholder="Title, rule or entity"
            maxLength={200}
            autoComplete="off"
            value={values.q}
            onChange={(event) => setValues({ ...values, q: event.target.value })}
          />
        </div>
        <FilterSelect
          id="alert-status"
          label="Status"
          value={values.status}
          options={[['', 'Any'], ...Object.entries(statusFilterLabels)]}
          onChange={(status) => choose({ status: status as AlertFilterValues['status'] })}
        />
        <FilterSelect
          id="alert-severity"
          label="Severity"
          value={values.severity}
          options={[['', 'Any'], ...severities.map((s) => [s, minimumSeverityLabel(s)] as const)]}
          onChange={(severity) => choose({ severity: severity as AlertFilterValues['severity'] })}
        />
        <FilterSelect
          id="alert-range"
          label="Time"
          value={values.range}
          options={Object.entries(timeRanges).map(([value, range]) => [value, range.label] as const)}
          onChange={(range) => choose({ range: range as AlertFilterValues['range'] })}
        />
      </div>
      <div className="toolbar-form">
        {textFields.map(({ name, label, placeholder, width }) => (
          <div key={name} className="inline-field">
            <label htmlFor={`alert-${name}`}>{label}</label>
            <input
              id={`alert-${name}`}
              className={`input input-sm input-mono ${width}`}
              type="search"
              placeholder={placeholder}
              maxLength={255}
              autoComplete="off"
              spellCheck={false}
              value={values[name]}
              onChange={(event) => setValues({ ...values, [name]: event.target.value })}
            />
          </div>
        ))}
        <div className="alert-filter-actions">
          <button type="submit" className="btn btn-sm btn-primary">
            Apply
          </button>
          <button type="button" className="btn btn-sm" onClick={() => choose(defaultFilterValues)}>
            Reset
          </button>
        </div>
      </div>
    </form>
  );
}
