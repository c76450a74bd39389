const maxSummary = 300;

/** A one-line title: the first non-empty line, cut at 300 characters. */
export function summaryText(text: string | undefined): string {
  const rest = (text ?? '').trimStart();
  const end = rest.indexOf('\n');
  const trimmed = (end === -1 ? rest : rest.slice(0, end)).trim();
  return trimmed.length > maxSummary ? `${trimmed.slice(0, maxSummary - 1)}…` : trimmed;
}

/**
 * Reference URLs safe to show as links (http and https only: a feed's `javascript:` URL must not
 * reach the console), in order, without repeats.
 */
export function linkReferences(urls: Iterable<string>): string[] {
  const kept = new Set<string>();
  for (const url of urls) {
    if (url.length > 2048 || !URL.canParse(url)) continue;
    const protocol = new URL(url).protocol;
    if (protocol === 'https:' || protocol === 'http:') kept.add(url);
  }
  return [...kept];
}
