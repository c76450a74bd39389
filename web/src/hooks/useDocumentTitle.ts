import { useEffect } from 'react';

/** Names the browser tab after what a detail page shows, e.g. a host's name; undefined leaves it alone. */
export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    if (title === undefined) return;
    const previous = document.title;
    document.title = `${title} · Vigil`;
    return () => {
      document.title = previous;
    };
  }, [title]);
}
