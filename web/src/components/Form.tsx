import type { ReactNode } from 'react';
import { useSubmit } from '../hooks/useSubmit.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

interface FormProps {
  /** Throw to refuse: the form shows the error above its fields and can be sent again. */
  onSubmit: () => Promise<void>;
  submitLabel: string;
  children: ReactNode;
}

export function Form({ onSubmit, submitLabel, children }: FormProps) {
  const { busy, error, run } = useSubmit();
  return (
    <form
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        void run(onSubmit);
      }}
    >
      <ErrorAlert error={error} />
      {children}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
