/*
 * The entry point of the single-file agent bundle (`npm run build` writes
 * dist/agent/vigil-agent.mjs): `vigil-agent [options]` runs the agent, as `vigil agent` does, and
 * `vigil-agent install` puts the bundle and its systemd unit in place.
 */
import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Command } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { createLogger } from '../platform/logger.ts';
import { addAgentOptions, runAgentCommand, type AgentCommandOptions } from './agent-command.ts';
import { agentUnit, installPaths } from './systemd-unit.ts';

const nextStep = 'systemctl daemon-reload && systemctl enable --now vigil-agent';

/** Makes a 0700 directory; its missing parents get the usual mode. */
function privateDir(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  mkdirSync(path, { recursive: true, mode: 0o700 });
  chmodSync(path, 0o700);
}

/** Copies this bundle, writes the unit, the data directory and the token; starts it only on the real root. */
async function install(opts: { root?: string; token?: string }): Promise<void> {
  const self = fileURLToPath(import.meta.url);
  if (!self.endsWith('.mjs'))
    throw new Error('install runs from the bundle: npm run build, then dist/agent/vigil-agent.mjs install');
  const root = opts.root ?? '/';
  const at = (path: string) => join(root, path);
  mkdirSync(dirname(at(installPaths.bundle)), { recursive: true });
  copyFileSync(self, at(installPaths.bundle));
  chmodSync(at(installPaths.bundle), 0o755);
  privateDir(at(installPaths.dataDir));
  if (opts.token !== undefined) {
    privateDir(dirname(at(installPaths.enrollTokenFile)));
    writeFileSync(at(installPaths.enrollTokenFile), `${opts.token}\n`, { mode: 0o600 });
    chmodSync(at(installPaths.enrollTokenFile), 0o600);
  }
  mkdirSync(dirname(at(installPaths.unit)), { recursive: true });
  writeFileSync(
    at(installPaths.unit),
    agentUnit(opts.token !== undefined ? { enrollTokenFile: installPaths.enrollTokenFile } : {}),
    { mode: 0o644 },
  );
  process.stdout.write(`installed the agent under ${root}\n`);
  if (opts.root !== undefined) {
    process.stdout.write(`next, on the host: ${nextStep}\n`);
    return;
  }
  const systemctl = promisify(execFile);
  await systemctl('systemctl', ['daemon-reload']);
  await systemctl('systemctl', ['enable', '--now', 'vigil-agent']);
  process.stdout.write(`started: ${nextStep}\n`);
}

const program = addAgentOptions(
  new Command('vigil-agent')
    .description('the Vigil host agent: enroll once, then ship logs and inventory to the server')
    .version(pkg.version)
    // Options after `install` belong to install: its --token is not the agent's.
    .enablePositionalOptions()
    .option('--data-dir <dir>', 'where the agent keeps its key, state and spool', installPaths.dataDir),
).action((opts: AgentCommandOptions & { dataDir: string }) =>
  // Never pino-pretty here: its transport is a worker thread loaded by file name, which a bundle cannot do.
  runAgentCommand(opts, {
    dataDir: opts.dataDir,
    version: pkg.version,
    logger: createLogger({ level: 'info', pretty: false }),
  }),
);

program
  .command('install')
  .description(
    `install this bundle as a systemd service (${installPaths.bundle}, ${installPaths.unit}); without --root, also enable and start it`,
  )
  .option('--root <dir>', 'install under this directory instead of /, and do not run systemctl')
  .option('--token <token>', `enrollment token, written to ${installPaths.enrollTokenFile} (mode 0600)`)
  .action((opts: { root?: string; token?: string }) => install(opts));

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.stderr.write(`vigil-agent: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
