const count = new Intl.NumberFormat();

interface ShowAllFooterProps {
  shown: number;
  hidden: number;
  /** Plural noun for what the rows are, e.g. "packages". */
  noun: string;
  onShowAll: () => void;
}

/** The footer of a table that renders only its first rows; see useCappedList. */
export function ShowAllFooter({ shown, hidden, noun, onShowAll }: ShowAllFooterProps) {
  if (hidden === 0) return null;
  return (
    <div className="panel-footer panel-footer-split">
      <span className="muted">
        Showing the first {count.format(shown)} of {count.format(shown + hidden)} {noun}.
      </span>
      <button type="button" className="btn btn-sm" onClick={onShowAll}>
        Show all {count.format(shown + hidden)}
      </button>
    </div>
  );
}
