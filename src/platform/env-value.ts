import { readFileSync } from 'node:fs';
import { AppError } from './errors.ts';

/* Its own file so the agent bundle can read secrets without pulling in the YAML config loader. */

/** `NAME_FILE` keeps secrets out of the process environment, as container secrets do. */
export function envValue(
  env: NodeJS.ProcessEnv,
  name: string,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): string | undefined {
  const direct = env[name];
  const file = env[`${name}_FILE`];
  if (direct !== undefined && file !== undefined) {
    throw new AppError('config_invalid', `set ${name} or ${name}_FILE, not both`);
  }
  if (file === undefined) return direct;
  try {
    return readFile(file).replace(/\r?\n$/, '');
  } catch (error) {
    throw new AppError(
      'config_invalid',
      `${name}_FILE: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
}
