import { execFileSync } from 'node:child_process';

/**
 * Options for `test()`: skip with a printed reason when a system program is
 * missing. Under CI=true a missing program fails the test instead, because
 * CI must prove everything.
 */
export function needs(program: string, why: string): { skip?: string } {
  if (hasProgram(program)) return {};
  const reason = `${program} is not installed (${why}); run scripts/install-system-deps.sh`;
  if (process.env.CI === 'true') throw new Error(`CI requires ${reason}`);
  return { skip: reason };
}

export function hasProgram(program: string): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v "$1"', 'sh', program], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
