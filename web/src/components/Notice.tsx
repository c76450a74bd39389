import type { ReactNode } from 'react';
import { Icon } from './Icon.tsx';

export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="alert alert-success" role="status">
      <Icon name="check" />
      <div>{children}</div>
    </div>
  );
}
