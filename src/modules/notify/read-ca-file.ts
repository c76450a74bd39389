import { readFileSync } from 'node:fs';
import { AppError } from '../../platform/errors.ts';

/** Read when the notifier starts, so a wrong path stops startup instead of every delivery. */
export function readCaFile(path: string | undefined, what: string): string | undefined {
  if (path === undefined) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new AppError(
      'config_invalid',
      `${what}: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
}
