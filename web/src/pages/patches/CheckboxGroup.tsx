import type { ReactNode } from 'react';

interface CheckboxGroupProps {
  legend: string;
  hint?: ReactNode;
  options: readonly { value: string; label: string; note?: string | undefined }[];
  chosen: ReadonlySet<string>;
  onChange: (chosen: ReadonlySet<string>) => void;
  /** Shown instead of the boxes when there is nothing to choose. */
  empty: string;
}

/** A box per option, for hosts and groups; the value is the set of ticked ones. */
export function CheckboxGroup({ legend, hint, options, chosen, onChange, empty }: CheckboxGroupProps) {
  function toggle(value: string, on: boolean) {
    const next = new Set(chosen);
    if (on) next.add(value);
    else next.delete(value);
    onChange(next);
  }
  return (
    <fieldset className="fieldset">
      <legend className="field-label">{legend}</legend>
      {hint !== undefined && <p className="field-hint">{hint}</p>}
      {options.length === 0 ? (
        <p className="field-hint">{empty}</p>
      ) : (
        <div className="checkbox-grid plan-choices">
          {options.map((option) => (
            <label key={option.value} className="checkbox">
              <input
                type="checkbox"
                value={option.value}
                checked={chosen.has(option.value)}
                onChange={(event) => toggle(option.value, event.target.checked)}
              />
              <span>
                {option.label}
                {option.note !== undefined && <span className="checkbox-hint">{option.note}</span>}
              </span>
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}
