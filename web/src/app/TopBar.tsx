import { findNavEntry, type NavEntry } from './navigation.ts';
import { href } from './router.ts';

export function TopBar({ entry }: { entry: NavEntry | undefined }) {
  const parent = entry?.parent === undefined ? undefined : findNavEntry(entry.parent);
  return (
    <header className="topbar">
      {parent !== undefined && (
        <>
          <a className="topbar-parent" href={href(parent.path)}>
            {parent.title}
          </a>
          <span className="topbar-separator" aria-hidden="true">
            /
          </span>
        </>
      )}
      <h1 className="topbar-title">{entry?.title ?? 'Vigil'}</h1>
    </header>
  );
}
