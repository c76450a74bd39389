import { Field } from './Field.tsx';

interface SelectFieldProps<T extends string | number> {
  id: string;
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
  /** Added to the select's own class, e.g. "capitalize". */
  className?: string;
}

export function SelectField<T extends string | number>({
  id,
  label,
  value,
  options,
  onChange,
  className,
}: SelectFieldProps<T>) {
  return (
    <Field id={id} label={label}>
      <select
        id={id}
        className={className === undefined ? 'select' : `select ${className}`}
        value={value}
        onChange={(event) => {
          // By position rather than by the DOM's string value, so a number comes back as a number.
          const option = options[event.target.selectedIndex];
          if (option !== undefined) onChange(option.value);
        }}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
}
