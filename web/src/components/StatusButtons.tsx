/** A move from one status to another, as a button label. */
export interface StatusTransition<S extends string> {
  label: string;
  to: S;
}

interface StatusButtonsProps<S extends string> {
  /** The moves from the current status; the first is the usual next step and is the primary button. */
  transitions: readonly StatusTransition<S>[];
  busy: boolean;
  onStatus: (status: S) => void;
}

/** The lifecycle buttons of an alert or a finding. */
export function StatusButtons<S extends string>({ transitions, busy, onStatus }: StatusButtonsProps<S>) {
  return (
    <>
      {transitions.map(({ label, to }, index) => (
        <button
          key={to}
          type="button"
          className={index === 0 ? 'btn btn-sm btn-primary' : 'btn btn-sm'}
          disabled={busy}
          onClick={() => onStatus(to)}
        >
          {label}
        </button>
      ))}
    </>
  );
}
