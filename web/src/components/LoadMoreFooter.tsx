/** The footer of a list fetched page by page; hidden once the last page arrived. */
export function LoadMoreFooter({ pages }: { pages: { more: boolean; loading: boolean; loadMore: () => void } }) {
  if (!pages.more) return null;
  return (
    <div className="panel-footer">
      <button type="button" className="btn" disabled={pages.loading} onClick={pages.loadMore}>
        Load more
      </button>
    </div>
  );
}
