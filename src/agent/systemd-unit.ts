/** Where `vigil-agent install` puts things; the unit below refers to the same paths. */
export const installPaths = {
  bundle: '/opt/vigil/vigil-agent.mjs',
  unit: '/etc/systemd/system/vigil-agent.service',
  dataDir: '/var/lib/vigil-agent',
  enrollTokenFile: '/etc/vigil/enroll-token',
} as const;

/**
 * How node runs the agent, for a small idle footprint (measured in docs/benchmarks.md, "Agent
 * footprint"): no optimizing compiler (TurboFan's code and its compile memory stay out of the
 * process; the agent's hot paths are native: hashing, JSON, I/O), and a young generation of at
 * most 2 × 1 MB instead of up to 2 × 16 MB after a burst of work.
 */
export const agentNodeFlags = ['--max-opt=1', '--max-semi-space-size=1'] as const;

/**
 * glibc hands allocations of 32 KiB and more straight to mmap, so they go back to the kernel when
 * freed. Otherwise it raises that threshold after the first large free, and V8's compiler zones
 * and file buffers were carved from heaps that bursts of work grew and fragmentation kept
 * resident: 25 MB of an 85 MB agent. Other C libraries ignore the variable.
 */
export const agentEnvironment = { MALLOC_MMAP_THRESHOLD_: '32768' } as const;

/**
 * The systemd unit for the agent, the one copy of its text: `vigil-agent install` writes it and
 * the build writes it to packaging/vigil-agent.service. The agent runs as root because it reads
 * logs and /etc, so the unit takes away what it does not need: the file system is read-only but
 * for its data directory, /home is read-only, and it cannot gain privileges.
 */
export function agentUnit(options: { enrollTokenFile?: string } = {}): string {
  const lines = [
    '[Unit]',
    'Description=Vigil host agent',
    'After=network-online.target',
    'Wants=network-online.target',
    '',
    '[Service]',
    'Type=simple',
    'User=root',
    `ExecStart=/usr/bin/node ${agentNodeFlags.join(' ')} ${installPaths.bundle} --data-dir ${installPaths.dataDir}`,
    ...Object.entries(agentEnvironment).map(([name, value]) => `Environment=${name}=${value}`),
    ...(options.enrollTokenFile ? [`Environment=VIGIL_ENROLL_TOKEN_FILE=${options.enrollTokenFile}`] : []),
    'Restart=always',
    'RestartSec=5',
    'ProtectSystem=strict',
    `ReadWritePaths=${installPaths.dataDir}`,
    'ProtectHome=read-only',
    'NoNewPrivileges=yes',
    'PrivateTmp=yes',
    'MemoryMax=256M',
    'CPUQuota=50%',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ];
  return lines.join('\n');
}
