import type { ReactNode } from 'react';

interface FoldedListProps<T> {
  items: readonly T[];
  keyOf: (item: T) => string;
  render: (item: T) => ReactNode;
  /** How many are listed before the rest fold behind "N more". */
  shown?: number;
}

/** A list whose first items show and the rest wait behind a "more", so one bad server does not fill the page. */
export function FoldedList<T>({ items, keyOf, render, shown = 5 }: FoldedListProps<T>) {
  const list = (part: readonly T[]) => (
    <ul className="plain-list">
      {part.map((item) => (
        <li key={keyOf(item)}>{render(item)}</li>
      ))}
    </ul>
  );
  return (
    <>
      {list(items.slice(0, shown))}
      {items.length > shown && (
        <details>
          <summary>{items.length - shown} more</summary>
          {list(items.slice(shown))}
        </details>
      )}
    </>
  );
}
