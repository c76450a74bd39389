/**
 * A one-line status on stderr for long work (`12,345,678 lines · 410,000 lines/s · 3 alerts`),
 * redrawn at most ten times a second and only on a terminal, so pipes and CI logs stay clean.
 */
export interface Progress {
  update(text: () => string): void;
  done(): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update: () => undefined, done: () => undefined };
  let last = 0;
  let shown = false;
  return {
    update(text) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      shown = true;
      stream.write(`\r\x1b[2K${text().slice(0, Math.max(10, (stream.columns || 80) - 1))}`);
    },
    done() {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
