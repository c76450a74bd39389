import { Icon } from '../components/Icon.tsx';
import type { NavEntry } from './navigation.ts';
import { href } from './router.ts';

interface NavLinkProps {
  entry: NavEntry;
  activePath: string;
}

export function NavLink({ entry, activePath }: NavLinkProps) {
  const current = entry.path === activePath;
  const inSection = !current && activePath.startsWith(`${entry.path}/`);
  const className = [
    'nav-link',
    entry.parent === undefined ? '' : 'nav-link-sub',
    inSection ? 'is-section' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <a
      className={className}
      href={href(entry.path)}
      aria-current={current ? 'page' : undefined}
      title={entry.title}
      data-testid={`nav-${entry.slug}`}
    >
      <Icon name={entry.icon} size={entry.parent === undefined ? 20 : 18} />
      <span className="nav-label">{entry.title}</span>
    </a>
  );
}
