import { allowedEntries } from '../../app/navigation.ts';
import { href } from '../../app/router.ts';
import { useSession } from '../../app/session.ts';
import { Icon } from '../../components/Icon.tsx';

export function SettingsPage() {
  const { can } = useSession();
  const sections = allowedEntries(can).filter((entry) => entry.parent === '/settings');
  return (
    <div className="page">
      <p className="page-lead">
        Who can use Vigil, how scripts reach it, and the record of everything that changed.
      </p>
      <ul className="link-cards">
        {sections.map((section) => (
          <li key={section.path}>
            <a className="link-card" href={href(section.path)}>
              <span className="link-card-icon">
                <Icon name={section.icon} />
              </span>
              <span>
                <span className="link-card-title">{section.title}</span>
                <span className="link-card-summary">{section.summary}</span>
              </span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
