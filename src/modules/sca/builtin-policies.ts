import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Vigil's own policies (policies/sca), run when no policy is named. */
export const builtinPoliciesDir = fileURLToPath(new URL('../../../policies/sca', import.meta.url));

export async function builtinPolicyFiles(): Promise<string[]> {
  const names = (await readdir(builtinPoliciesDir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  return names.map((name) => join(builtinPoliciesDir, name));
}
