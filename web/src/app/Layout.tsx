import { useEffect } from 'react';
import { RouteMessage } from './RouteMessage.tsx';
import { findRouteEntry } from './navigation.ts';
import { pages } from './pages.ts';
import { redirect, useHashPath } from './router.ts';
import { useSession } from './session.ts';
import { Sidebar } from './Sidebar.tsx';
import { TopBar } from './TopBar.tsx';

const home = '/overview';

export function Layout() {
  const path = useHashPath();
  const { can } = useSession();
  const entry = findRouteEntry(path);
  const isDetail = entry !== undefined && entry.path !== path;
  const Page = entry === undefined ? undefined : pages[entry.path];
  const pageTitle = isDetail ? (entry.detailTitle ?? entry.title) : entry?.title;
  const title = pageTitle === undefined ? 'Vigil' : `${pageTitle} · Vigil`;

  useEffect(() => {
    if (path === '/') redirect(home);
  }, [path]);

  // A detail page may name itself more precisely once it has loaded (see useDocumentTitle).
  useEffect(() => {
    document.title = title;
  }, [title]);

  let content;
  if (entry === undefined || Page === undefined) {
    content =
      path === '/' ? null : <RouteMessage title="Page not found" body="There is no page at this address." />;
  } else if (entry.permission !== undefined && !can(entry.permission)) {
    content = (
      <RouteMessage
        title="Not available to your role"
        body="Ask an administrator if you need access to this page."
      />
    );
  } else {
    content = <Page key={entry.path} />;
  }

  return (
    <div className="shell" data-testid="app-shell">
      <Sidebar activePath={path} />
      <div className="shell-main">
        <TopBar entry={entry} path={path} />
        <main className="content" id="main">
          {content}
        </main>
      </div>
    </div>
  );
}
