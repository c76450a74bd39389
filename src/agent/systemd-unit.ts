/** Where `vigil-agent install` puts things; the unit below refers to the same paths. */
export const installPaths = {
  bundle: '/opt/vigil/vigil-agent.mjs',
  unit: '/etc/systemd/system/vigil-agent.service',
  dataDir: '/var/lib/vigil-agent',
  enrollTokenFile: '/etc/vigil/enroll-token',
} as const;

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
    `ExecStart=/usr/bin/node ${installPaths.bundle} --data-dir ${installPaths.dataDir}`,
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
