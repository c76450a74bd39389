import { accessSync, constants } from 'node:fs';
import { isAbsolute, join } from 'node:path';

/** Where firewall and account tools live even when the caller's PATH lacks the sbin directories. */
const systemDirectories = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** The absolute path of an executable, or undefined. Relative PATH entries are ignored: they would run whatever sits in the current directory. */
export function findProgram(name: string, searchPath = process.env.PATH ?? ''): string | undefined {
  for (const directory of [...searchPath.split(':'), ...systemDirectories]) {
    if (!isAbsolute(directory)) continue;
    const candidate = join(directory, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here: try the next directory.
    }
  }
  return undefined;
}
