import { CommanderError } from 'commander';
import { isAppError } from '../platform/errors.ts';
import { UsageError } from './cli-error.ts';
import { createProgram } from './create-program.ts';

/** Exit codes: 0 ok, 1 findings (the command says so), 2 usage or input error, 3 anything unexpected. */
async function main(argv: string[]): Promise<void> {
  try {
    await (await createProgram(argv)).parseAsync(argv);
  } catch (error) {
    process.exitCode = exitCodeFor(error);
  }
}

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander has printed its own message; help and version are not errors.
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof UsageError || (isAppError(error) && error.status < 500)) {
    process.stderr.write(`vigil: ${oneLine(error.message)}\n`);
    return 2;
  }
  process.stderr.write(
    `vigil: unexpected error: ${oneLine(error instanceof Error ? error.message : String(error))}\n`,
  );
  if (process.env.VIGIL_DEBUG) console.error(error);
  return 3;
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').slice(0, 1000);
}

await main(process.argv);
