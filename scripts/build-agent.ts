/*
 * `npm run build:agent`: bundles src/agent/main.ts with everything it imports into one file,
 * dist/agent/vigil-agent.mjs, that runs with plain `node` and no node_modules, and writes
 * packaging/vigil-agent.service from the same text `vigil-agent install` writes.
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { agentUnit } from '../src/agent/systemd-unit.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
export const defaultAgentBundle = join(root, 'dist', 'agent', 'vigil-agent.mjs');
export const agentUnitFile = join(root, 'packaging', 'vigil-agent.service');

/** Packages with native code (or that need them): the agent must run on hosts without them. */
export const forbiddenPackages = ['better-sqlite3', '@node-rs/argon2', 'pg', 'kysely', 'pino-pretty'];

/* Bundled CommonJS packages (pino, commander) call require() for node built-ins; ESM has none. */
const banner = [
  '#!/usr/bin/env node',
  "import { createRequire as __vigilCreateRequire } from 'node:module';",
  'const require = __vigilCreateRequire(import.meta.url);',
].join('\n');

export interface AgentBuild {
  outfile: string;
  bytes: number;
  /** Every package the bundle contains, by name. */
  packages: string[];
  metafile: Metafile;
}

/** The node_modules package names among the bundle's inputs. */
export function bundledPackages(metafile: Metafile): string[] {
  const names = new Set<string>();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match?.[1]) names.add(match[1]);
  }
  return [...names].sort();
}

export async function buildAgent(options: { outfile?: string } = {}): Promise<AgentBuild> {
  const outfile = resolve(options.outfile ?? defaultAgentBundle);
  mkdirSync(dirname(outfile), { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: [join(root, 'src', 'agent', 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    /*
     * V8 keeps the whole source in memory, and one non-Latin-1 character in a kept comment (an em
     * dash) stored all of it as UTF-16: 2.5 MB for a 1.2 MB file. Minifying drops the comments and
     * the whitespace; identifiers stay, so stack traces still name functions.
     */
    minifyWhitespace: true,
    minifySyntax: true,
    charset: 'ascii',
    metafile: true,
    legalComments: 'none',
    banner: { js: banner },
    logLevel: 'warning',
  });
  const packages = bundledPackages(result.metafile);
  const native = packages.filter((name) => forbiddenPackages.includes(name));
  if (native.length > 0) {
    throw new Error(`the agent bundle must not contain ${native.join(', ')}: see what imports them`);
  }
  return { outfile, bytes: statSync(outfile).size, packages, metafile: result.metafile };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const built = await buildAgent();
  mkdirSync(dirname(agentUnitFile), { recursive: true });
  writeFileSync(agentUnitFile, agentUnit());
  process.stdout.write(
    `${built.outfile}: ${(built.bytes / 1024).toFixed(0)} KiB, packages: ${built.packages.join(', ')}\n`,
  );
}
