import { useId, type ReactNode } from 'react';

interface PanelProps {
  title: string;
  actions?: ReactNode;
  /** Tables run edge to edge; forms get padding. */
  flush?: boolean;
  children: ReactNode;
}

export function Panel({ title, actions, flush = false, children }: PanelProps) {
  const titleId = useId();
  return (
    <section className="panel" aria-labelledby={titleId}>
      <header className="panel-header">
        <h2 id={titleId} className="panel-title">
          {title}
        </h2>
        {actions !== undefined && <div className="panel-actions">{actions}</div>}
      </header>
      <div className={flush ? 'panel-body panel-body-flush' : 'panel-body'}>{children}</div>
    </section>
  );
}
