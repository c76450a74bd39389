/**
 * Calls `visit` with each line of `data`, without its "\n" or "\r\n", each line decoded from
 * UTF-8 on its own (invalid bytes become U+FFFD).
 *
 * Why not split one decoded string: V8 makes a substring point into its parent rather than copy
 * it, so a package name cut from the decoded 700 KB dpkg status file (held as 1.4 MB of UTF-16
 * once a maintainer's name is not Latin-1) kept the whole file alive for as long as the agent
 * kept the inventory for its next diff. Cut from its own line, a value keeps only that line.
 */
export function forEachLine(data: Buffer, visit: (line: string) => void): void {
  let start = 0;
  while (start <= data.length) {
    const newline = data.indexOf(0x0a, start);
    const end = newline < 0 ? data.length : newline;
    visit(data.toString('utf8', start, end > start && data[end - 1] === 0x0d ? end - 1 : end));
    start = end + 1;
  }
}
