import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { ApiClient } from './test-server.ts';

/*
 * A network namespace for a real `vigil agent`, joined to the root namespace by a veth pair so
 * the agent reaches a test server bound to the root side's address (the server stays in the
 * test process; only the agent and what it watches live in the namespace).
 */

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface AgentNamespace {
  name: string;
  /** The root namespace's end of the veth: bind the test server here. */
  serverAddress: string;
  /** The namespace's end of the veth. */
  hostAddress: string;
  /** Runs a command inside the namespace and returns its output. */
  exec: (program: string, ...args: string[]) => string;
  destroy: () => void;
}

/**
 * Makes `vigil-<label>-<random>` and a /30 in 10.`octet`.<random>.0 between it and the root
 * namespace (.1 root side, .2 namespace side). Give each test file its own `octet`, so files
 * running at once never share a subnet.
 */
export function createAgentNamespace(label: string, octet: number): AgentNamespace {
  const third = randomBytes(1)[0] ?? 0;
  const subnet = `10.${octet}.${third}`;
  const namespace = createVethNamespace(label, { root: [`${subnet}.1/30`], inside: [`${subnet}.2/30`] });
  return { ...namespace, serverAddress: `${subnet}.1`, hostAddress: `${subnet}.2` };
}

export interface VethNamespace {
  name: string;
  exec: (program: string, ...args: string[]) => string;
  destroy: () => void;
}

/**
 * `vigil-<label>-<random>` joined to the root namespace by a veth pair, with `root` addresses
 * (CIDR notation, IPv4 or IPv6) on the root end and `inside` addresses on the namespace's end.
 * IPv6 addresses skip duplicate detection, so they are usable at once.
 */
export function createVethNamespace(
  label: string,
  addresses: { root: readonly string[]; inside: readonly string[] },
): VethNamespace {
  const id = randomBytes(3).toString('hex');
  const name = `vigil-${label}-${id}`;
  const [rootEnd, nsEnd] = [`vt${id}h`, `vt${id}n`];
  const exec = (program: string, ...args: string[]) =>
    execFileSync('ip', ['netns', 'exec', name, program, ...args], { encoding: 'utf8' });
  const destroy = () => {
    try {
      // Deleting the namespace deletes the veth pair with it.
      execFileSync('ip', ['netns', 'delete', name], { stdio: 'ignore' });
    } catch {
      // Already gone.
    }
  };
  const addArgs = (cidr: string, dev: string) => [
    'addr',
    'add',
    cidr,
    'dev',
    dev,
    ...(cidr.includes(':') ? ['nodad'] : []),
  ];
  try {
    execFileSync('ip', ['netns', 'add', name]);
    execFileSync('ip', ['link', 'add', rootEnd, 'type', 'veth', 'peer', 'name', nsEnd, 'netns', name]);
    for (const cidr of addresses.root) execFileSync('ip', addArgs(cidr, rootEnd));
    execFileSync('ip', ['link', 'set', rootEnd, 'up']);
    for (const cidr of addresses.inside) exec('ip', ...addArgs(cidr, nsEnd));
    exec('ip', 'link', 'set', nsEnd, 'up');
    exec('ip', 'link', 'set', 'lo', 'up');
  } catch (error) {
    destroy();
    throw error;
  }
  return { name, exec, destroy };
}

/** Starts `vigil agent` (from source, through tsx) inside the namespace, tailing `logs`. */
export function spawnAgent(
  namespace: string,
  options: { token: string; dataDir: string; logs: string[]; extraArgs?: string[] },
): ChildProcess {
  return spawn(
    'ip',
    [
      'netns',
      'exec',
      namespace,
      process.execPath,
      '--import',
      'tsx',
      'src/cli/main.ts',
      '--data-dir',
      options.dataDir,
      'agent',
      '--token',
      options.token,
      '--log',
      ...options.logs,
      '--no-journal',
      '--no-fim',
      '--no-inventory',
      ...(options.extraArgs ?? []),
    ],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

/** Waits for the first agent to enroll and returns its id. */
export async function waitForAgent(admin: ApiClient, timeoutMs = 30_000): Promise<string> {
  for (const deadline = Date.now() + timeoutMs; ;) {
    const listed = await admin.request<{ agents: { id: string }[] }>('GET', '/api/agents');
    const found = listed.body.agents[0];
    if (found) return found.id;
    if (Date.now() > deadline) assert.fail('the agent did not enroll');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Stops an agent started by spawnAgent and waits for it to exit. */
export async function stopAgent(agent: ChildProcess | undefined): Promise<void> {
  if (!agent || agent.exitCode !== null || agent.signalCode !== null) return;
  const exited = new Promise((resolve) => agent.once('exit', resolve));
  agent.kill('SIGTERM');
  await exited;
}

/** The elements of `table inet vigil`'s IPv4 block set in the namespace, as nft lists them. */
export function blockedV4(namespace: AgentNamespace): unknown[] {
  return (
    JSON.parse(namespace.exec('nft', '-j', 'list', 'set', 'inet', 'vigil', 'blocked_v4')) as {
      nftables: { set?: { elem?: unknown[] } }[];
    }
  ).nftables.flatMap((object) => object.set?.elem ?? []);
}
