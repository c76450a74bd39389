/*
 * File names are bytes, and hostile ones need not be UTF-8. Decoding them lossily would make two
 * names collide and leave a path that cannot be opened again, so the walk uses Buffers and each
 * path gets a string key: the path itself when it is valid UTF-8 (always absolute, so it starts
 * with "/"), otherwise "base64:" and the raw bytes. The prefix cannot start a real absolute path,
 * so keys never collide and always map back to the exact bytes.
 */
export const invalidPrefix = 'base64:';

export function pathKey(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return Buffer.from(text, 'utf8').equals(bytes) ? text : `${invalidPrefix}${bytes.toString('base64')}`;
}

export function keyBytes(key: string): Buffer {
  return key.startsWith(invalidPrefix)
    ? Buffer.from(key.slice(invalidPrefix.length), 'base64')
    : Buffer.from(key, 'utf8');
}

/** For people and log sources: the path with invalid bytes shown as U+FFFD. */
export function displayPath(key: string): string {
  return keyBytes(key).toString('utf8');
}
