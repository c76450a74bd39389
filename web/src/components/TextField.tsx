import type { InputHTMLAttributes } from 'react';
import { Field } from './Field.tsx';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
}

export function TextField({ id, label, hint, value, onChange, type = 'text', ...input }: TextFieldProps) {
  return (
    <Field id={id} label={label} hint={hint}>
      <input
        {...input}
        id={id}
        type={type}
        className="input"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={hint === undefined ? undefined : `${id}-hint`}
      />
    </Field>
  );
}
