import { EmptyState } from '../components/EmptyState.tsx';
import { href } from './router.ts';

/** What the content area shows when a path has no page the user may see. */
export function RouteMessage({ title, body }: { title: string; body: string }) {
  return (
    <div className="page">
      <EmptyState icon="shieldAlert" title={title}>
        {body} <a href={href('/overview')}>Go to the overview</a>.
      </EmptyState>
    </div>
  );
}
