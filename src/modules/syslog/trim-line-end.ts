/** The line without the LF, CR and NUL bytes senders leave at its end. */
export function trimLineEnd(line: string): string {
  let end = line.length;
  while (end > 0) {
    const code = line.charCodeAt(end - 1);
    if (code !== 10 && code !== 13 && code !== 0) break;
    end--;
  }
  return end === line.length ? line : line.slice(0, end);
}
