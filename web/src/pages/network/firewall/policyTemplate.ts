/** What "New policy" starts from: every field of the format, with the usual choices filled in. */
export const policyTemplate = `# Firewall policy as code: the traffic hosts in these groups accept.
# Inbound, anything no rule allows is dropped; outbound is open unless an outbound section exists.
name: web-servers
description: Public web servers, managed over SSH from the office network
groups: [web]
inbound:
  default: drop
  logDrops: false
  allowPing: true
  allow:
    - name: ssh
      protocol: tcp
      ports: [22]
      sources: [10.0.0.0/8]
      rateLimit: { rate: 10/minute, burst: 5 }
    - name: web
      ports: [80, 443]
# outbound:
#   default: drop
#   allow:
#     - name: dns
#       protocol: udp
#       ports: [53]
`;

/**
 * The policy's top-level \`name:\`, which names it in the address it is saved at. A plain line
 * match, not a YAML parser (which the console would have to ship): a name the match misses is
 * left for the server, which reads the YAML properly and says what is wrong.
 */
export function policyNameOf(source: string): string | undefined {
  const match = /^name:[ \t]*(["']?)([A-Za-z0-9][A-Za-z0-9._-]{0,63})\1[ \t]*(#.*)?$/m.exec(source);
  return match?.[2];
}
