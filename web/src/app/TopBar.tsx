import { findNavEntry, type NavEntry } from './navigation.ts';
import { href } from './router.ts';

export function TopBar({ entry, path }: { entry: NavEntry | undefined; path: string }) {
  // A detail page such as /hosts/<id> sits under its list the way Settings pages sit under Settings.
  const isDetail = entry !== undefined && entry.path !== path;
  const parent = isDetail ? entry : entry?.parent === undefined ? undefined : findNavEntry(entry.parent);
  const title = isDetail ? (entry.detailTitle ?? entry.title) : (entry?.title ?? 'Vigil');
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
      <h1 className="topbar-title">{title}</h1>
    </header>
  );
}
