import type { ReactNode } from 'react';

interface FieldProps {
  id: string;
  label: string;
  /** Rendered with id `<id>-hint`; point the control's aria-describedby at it. */
  hint?: string | undefined;
  children: ReactNode;
}

export function Field({ id, label, hint, children }: FieldProps) {
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children}
      {hint !== undefined && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}
