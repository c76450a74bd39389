import { useState, type SubmitEvent } from 'react';
import { serviceNames } from '../../../../../src/protocol/netscan.ts';
import { SelectField } from '../../../components/SelectField.tsx';
import { TextField } from '../../../components/TextField.tsx';
import type { ExposureFilterValues } from './exposureFilters.ts';

const openOptions = [
  { value: 'true', label: 'Open now' },
  { value: 'false', label: 'Closed since' },
  { value: 'all', label: 'Open and closed' },
] as const;

const serviceOptions = [
  { value: '', label: 'Any service' },
  ...serviceNames.map((name) => ({ value: name, label: name })),
] as const;

const noFilters: ExposureFilterValues = { open: 'true', address: '', port: '', service: '' };

/** Choices apply at once, typed text on Enter or Apply; the parent keys it by the address. */
export function ExposureFilterBar({
  values,
  onApply,
}: {
  values: ExposureFilterValues;
  onApply: (values: ExposureFilterValues) => void;
}) {
  const [typed, setTyped] = useState({ address: values.address, port: values.port });

  function submit(event: SubmitEvent) {
    event.preventDefault();
    onApply({ ...values, address: typed.address.trim(), port: typed.port.trim() });
  }

  return (
    <form className="toolbar-form net-filters" role="search" aria-label="Filter endpoints" onSubmit={submit}>
      <TextField
        id="exposure-address"
        label="Address or range"
        type="search"
        placeholder="10.0.0.0/24"
        maxLength={64}
        autoComplete="off"
        spellCheck={false}
        value={typed.address}
        onChange={(address) => setTyped({ ...typed, address })}
      />
      <TextField
        id="exposure-port"
        label="Port"
        type="search"
        inputMode="numeric"
        pattern="[0-9]{1,5}"
        placeholder="443"
        maxLength={5}
        autoComplete="off"
        value={typed.port}
        onChange={(port) => setTyped({ ...typed, port })}
      />
      <SelectField
        id="exposure-service"
        label="Service"
        value={values.service}
        options={serviceOptions}
        onChange={(service) => onApply({ ...values, ...typed, service })}
      />
      <SelectField
        id="exposure-open"
        label="State"
        value={values.open}
        options={openOptions}
        onChange={(open) => onApply({ ...values, ...typed, open })}
      />
      <div className="net-filter-actions">
        <button type="submit" className="btn btn-sm btn-primary">
          Apply
        </button>
        <button type="button" className="btn btn-sm" onClick={() => onApply(noFilters)}>
          Reset
        </button>
      </div>
    </form>
  );
}
