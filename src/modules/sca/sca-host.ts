/** What a policy can look at on a host. The local host reads the running system or a root tree. */
export interface ScaHost {
  /** For evidence and reports: `this host` or `root /mnt/image`. */
  readonly description: string;
  pathKind(path: string): Promise<PathKind>;
  readLines(path: string): Promise<Lookup<string[]>>;
  /** Regular files anywhere under `dir` (symbolic links to directories are not followed), as the policy names them. */
  listFiles(dir: string): Promise<Lookup<string[]>>;
  /** The paths a target names: itself, or what its `*` and `?` segments match (none when nothing does). */
  expand(path: string): Promise<string[]>;
  /** Output lines of a command, or why it did not run. */
  run(command: string): Promise<Lookup<CommandOutput>>;
  /** Names of running processes: each process's `comm` and the base name of its executable. */
  processNames(): Promise<Lookup<Set<string>>>;
}

export type PathKind = 'file' | 'directory' | 'other' | 'missing';

export interface CommandOutput {
  exitCode: number;
  lines: string[];
}

/** A value, `missing` (the thing is not there: a result, not an error), or why it could not be looked at. */
export type Lookup<T> =
  { status: 'ok'; value: T } | { status: 'missing' } | { status: 'error'; message: string };
