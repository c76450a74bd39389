import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon.tsx';

interface EmptyStateProps {
  icon: IconName;
  title: string;
  children?: ReactNode;
  /** Block content below the text, such as commands to run. */
  footer?: ReactNode;
}

export function EmptyState({ icon, title, children, footer }: EmptyStateProps) {
  return (
    <div className="empty-state">
      <div className="empty-state-icon">
        <Icon name={icon} size={28} />
      </div>
      <h2 className="empty-state-title">{title}</h2>
      {children !== undefined && <p className="empty-state-body">{children}</p>}
      {footer !== undefined && <div className="empty-state-footer">{footer}</div>}
    </div>
  );
}
