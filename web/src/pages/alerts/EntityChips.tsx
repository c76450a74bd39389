import type { LabelledValues } from './entityItems.ts';

/** Labelled values as chips, leaving out the absent ones. */
export function EntityChips({ items }: { items: LabelledValues }) {
  const present = items.filter(([, value]) => value !== null);
  if (present.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="chips">
      {present.map(([label, value]) => (
        <li key={label} className="chip entity-chip">
          <span className="entity-label">{label}</span> {value}
        </li>
      ))}
    </ul>
  );
}
