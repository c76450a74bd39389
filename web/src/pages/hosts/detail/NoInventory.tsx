import { EmptyState } from '../../../components/EmptyState.tsx';

export function NoInventory() {
  return (
    <EmptyState icon="hosts" title="No inventory yet">
      The agent collects packages, listening ports, users and services when it starts and every hour after,
      and sends them when something changed. They will appear here after its first collection arrives.
    </EmptyState>
  );
}
