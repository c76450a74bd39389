import { useState } from 'react';

export interface CappedList<T> {
  /** What to render: the first `cap` items until the user asks for all. */
  visible: readonly T[];
  /** How many items are left out; 0 when everything is shown. */
  hidden: number;
  showAll: () => void;
}

/**
 * Long tables (a host has hundreds of packages) stay quick by rendering only
 * the first rows; a filter narrows them and "Show all" lifts the cap.
 */
export function useCappedList<T>(items: readonly T[], cap = 200): CappedList<T> {
  const [all, setAll] = useState(false);
  const visible = all || items.length <= cap ? items : items.slice(0, cap);
  return { visible, hidden: items.length - visible.length, showAll: () => setAll(true) };
}
