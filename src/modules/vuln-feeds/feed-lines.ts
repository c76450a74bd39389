/** One line of a text feed; `text` is null when the line was longer than allowed (and dropped). */
export interface FeedLine {
  number: number;
  text: string | null;
}

/**
 * Splits bytes into lines (LF or CRLF) holding at most `maxLineBytes` of one line in memory:
 * a hostile file without newlines cannot grow the buffer.
 */
export async function* feedLines(
  chunks: AsyncIterable<Buffer>,
  maxLineBytes: number,
): AsyncGenerator<FeedLine> {
  // The line being read: its parts while it fits, else only that it is too long.
  const line = { parts: [] as Buffer[], size: 0, tooLong: false };
  let number = 0;
  const take = (): FeedLine => {
    number += 1;
    const text = line.tooLong
      ? null
      : Buffer.concat(line.parts, line.size).toString('utf8').replace(/\r$/, '');
    line.parts = [];
    line.size = 0;
    line.tooLong = false;
    return { number, text };
  };
  const keep = (part: Buffer): void => {
    line.size += part.length;
    if (line.size > maxLineBytes) {
      line.tooLong = true;
      line.parts = [];
    } else line.parts.push(part);
  };
  for await (const chunk of chunks) {
    let start = 0;
    for (let end = chunk.indexOf(0x0a); end !== -1; end = chunk.indexOf(0x0a, start)) {
      keep(chunk.subarray(start, end));
      yield take();
      start = end + 1;
    }
    keep(chunk.subarray(start));
  }
  if (line.size > 0) yield take();
}
