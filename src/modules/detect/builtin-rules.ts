import { fileURLToPath } from 'node:url';

/** The rule pack shipped in the repository (rules/builtin), loaded unless `--no-builtin`. */
export const builtinRulesDir = fileURLToPath(new URL('../../../rules/builtin', import.meta.url));
