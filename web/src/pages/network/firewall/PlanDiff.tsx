/** How a unified diff line reads: file headers first, since `---`/`+++` also start with `-`/`+`. */
function lineClass(line: string): string {
  if (line.startsWith('+++') || line.startsWith('---') || line.startsWith('==='))
    return 'diff-line diff-file';
  if (line.startsWith('@@')) return 'diff-line diff-hunk';
  if (line.startsWith('+')) return 'diff-line diff-add';
  if (line.startsWith('-')) return 'diff-line diff-remove';
  return 'diff-line';
}

/**
 * A unified diff, live → planned: added lines green, removed red, hunk headers dim. The `+`
 * and `-` stay in the text, so the colour is never the only sign.
 */
export function PlanDiff({ diff, label }: { diff: string; label: string }) {
  const lines = diff.replace(/\n$/, '').split('\n');
  return (
    <figure className="diff-figure" data-testid="plan-diff">
      <figcaption className="visually-hidden">{label}</figcaption>
      <pre className="code-block diff" tabIndex={0}>
        <code>
          {lines.map((line, index) => (
            <span key={index} className={lineClass(line)}>
              {line === '' ? ' ' : line}
              {'\n'}
            </span>
          ))}
        </code>
      </pre>
    </figure>
  );
}
