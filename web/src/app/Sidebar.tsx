import { Icon } from '../components/Icon.tsx';
import { allowedEntries } from './navigation.ts';
import { NavLink } from './NavLink.tsx';
import { useSession } from './session.ts';

export function Sidebar({ activePath }: { activePath: string }) {
  const { me, can, signOut } = useSession();
  const entries = allowedEntries(can);
  const topLevel = entries.filter((entry) => entry.parent === undefined);

  return (
    <aside className="sidebar">
      <div className="brand">
        <Icon name="logo" size={26} className="brand-mark" />
        <span className="brand-name">Vigil</span>
      </div>
      <nav className="nav" aria-label="Main">
        <ul className="nav-list">
          {topLevel.map((entry) => {
            const children = entries.filter((child) => child.parent === entry.path);
            return (
              <li key={entry.path}>
                <NavLink entry={entry} activePath={activePath} />
                {children.length > 0 && (
                  <ul className="nav-list nav-sublist">
                    {children.map((child) => (
                      <li key={child.path}>
                        <NavLink entry={child} activePath={activePath} />
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
      </nav>
      <div className="sidebar-user">
        <span className="avatar" aria-hidden="true">
          {(me.displayName || me.username).charAt(0).toUpperCase()}
        </span>
        <div className="sidebar-user-text">
          <span className="sidebar-user-name" data-testid="current-user" title={me.displayName}>
            {me.username}
          </span>
          <span className="sidebar-user-role">{me.role}</span>
        </div>
        <button type="button" className="btn-icon" title="Sign out" onClick={() => void signOut()}>
          <Icon name="signOut" size={18} />
          <span className="visually-hidden">Sign out</span>
        </button>
      </div>
    </aside>
  );
}
