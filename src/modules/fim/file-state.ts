/** What the baseline records about one path. Paths are never followed: a symlink is recorded as itself. */
export interface FileState {
  type: 'file' | 'dir' | 'symlink' | 'other';
  size: number;
  /** Permission bits with setuid, setgid and sticky, as four octal digits (`0755`). */
  mode: string;
  uid: number;
  gid: number;
  /** Microsecond precision, so a value read back from JSON compares equal. */
  mtimeMs: number;
  /**
   * Not compared by diffStates (every real change moves it anyway), but part of the event id:
   * flipping a mode back and forth gives equal before/after pairs, and only ctime tells them apart.
   */
  ctimeMs: number;
  /** Decimal: XFS and btrfs inode numbers can exceed 2^53. */
  inode: string;
  /** Hex SHA-256 of the content; regular files only, absent when the file could not be read. */
  sha256?: string;
  /** Symlinks only, encoded like paths (see path-key.ts). */
  linkTarget?: string;
}
