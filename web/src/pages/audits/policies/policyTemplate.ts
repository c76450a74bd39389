/** What "Upload policy" starts from: a small policy in Wazuh's SCA 5.x format, with every field filled in. */
export const policyTemplate = `# A Security Configuration Assessment policy in Wazuh's SCA format (5.x; 4.x files load too).
# Hosts run it once it is approved and assigned to their groups.
policy:
  id: company_ssh
  file: company_ssh.yml
  name: Company SSH standard
  description: How every server's SSH daemon must be configured.

requirements:
  name: Linux host with OpenSSH
  description: The standard applies where sshd is configured.
  condition: all
  rules:
    - 'f:/etc/ssh/sshd_config'

checks:
  - id: 10001
    name: 'SSH: root cannot log in'
    description: The SSH daemon refuses logins as root.
    rationale: Admins log in as themselves and use sudo, so every action is attributable.
    remediation: Set \`PermitRootLogin no\` in /etc/ssh/sshd_config and reload sshd.
    severity: high
    compliance:
      pci_dss: ['2.2.6']
      cis: ['5.1.20']
    mitre:
      technique: { id: ['T1078'], name: ['Valid Accounts'] }
    condition: all
    rules:
      - 'f:/etc/ssh/sshd_config -> r:^\\s*PermitRootLogin\\s+no'
`;

/**
 * The policy's \`policy.id\`, which names it in the address it is saved at. A plain line match,
 * not a YAML parser (which the console would have to ship): an id the match misses is left for
 * the server, which reads the YAML properly and says what is wrong.
 */
export function policyIdOf(source: string): string | undefined {
  const block = /^policy:[ \t]*(?:#.*)?\r?\n((?:[ \t]+.*(?:\r?\n|$)|[ \t]*(?:#.*)?\r?\n)*)/m.exec(source);
  const match = /^[ \t]+id:[ \t]*(["']?)([\w.-]{1,200})\1[ \t]*(?:#.*)?\r?$/m.exec(block?.[1] ?? '');
  return match?.[2];
}
