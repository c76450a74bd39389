import type { FileState } from './file-state.ts';

export interface FimChange {
  kind: 'fim.added' | 'fim.removed' | 'fim.modified';
  /** A path key (see path-key.ts). */
  path: string;
  before?: FileState;
  after?: FileState;
  /** Names of the FileState fields that differ, e.g. `['sha256', 'mode']`; empty for added and removed. */
  changed: string[];
}
