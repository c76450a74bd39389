import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon.tsx';

interface StatCardProps {
  /** Becomes `data-testid="stat-<name>"`. */
  name: string;
  label: string;
  value: ReactNode;
  icon: IconName;
  tone?: 'default' | 'success' | 'danger';
}

export function StatCard({ name, label, value, icon, tone = 'default' }: StatCardProps) {
  return (
    <div className={`stat stat-${tone}`} data-testid={`stat-${name}`}>
      <div className="stat-icon">
        <Icon name={icon} />
      </div>
      <div className="stat-text">
        <div className="stat-label">{label}</div>
        <div className="stat-value">{value}</div>
      </div>
    </div>
  );
}
