import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';

/** Writes through a temporary file and a rename, so a crash leaves the old file or the new one, never half. */
export function atomicWriteFileSync(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}
