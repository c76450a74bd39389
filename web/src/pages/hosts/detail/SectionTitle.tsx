const count = new Intl.NumberFormat();

/** Heads one of several tables inside a tab, with how many rows it holds. */
export function SectionTitle({ id, title, total }: { id: string; title: string; total: number }) {
  return (
    <h3 id={id} className="section-title">
      {title}
      <span className="tab-count">{count.format(total)}</span>
    </h3>
  );
}
