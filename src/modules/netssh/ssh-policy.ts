/*
 * Vigil's built-in SSH hardening policy: the algorithm lists of ssh-audit's hardening guide for
 * OpenSSH 9.x (ssh-audit.com/hardening_guides.html), plus the OpenSSH 9.9 ML-KEM hybrid. A server
 * may offer fewer; anything it offers outside these lists is a deviation.
 */
export const sshHardeningPolicy = {
  name: 'Vigil SSH hardening (OpenSSH 9.x)',
  kex: [
    'mlkem768x25519-sha256',
    'sntrup761x25519-sha512',
    'sntrup761x25519-sha512@openssh.com',
    'curve25519-sha256',
    'curve25519-sha256@libssh.org',
    'diffie-hellman-group16-sha512',
    'diffie-hellman-group18-sha512',
    'diffie-hellman-group-exchange-sha256',
  ],
  /** Hybrid post-quantum key exchanges: at least one should be offered (harvest now, decrypt later). */
  postQuantumKex: ['mlkem768x25519-sha256', 'sntrup761x25519-sha512', 'sntrup761x25519-sha512@openssh.com'],
  hostKey: [
    'sk-ssh-ed25519-cert-v01@openssh.com',
    'ssh-ed25519-cert-v01@openssh.com',
    'rsa-sha2-512-cert-v01@openssh.com',
    'rsa-sha2-256-cert-v01@openssh.com',
    'sk-ssh-ed25519@openssh.com',
    'ssh-ed25519',
    'rsa-sha2-512',
    'rsa-sha2-256',
  ],
  cipher: [
    'chacha20-poly1305@openssh.com',
    'aes256-gcm@openssh.com',
    'aes128-gcm@openssh.com',
    'aes256-ctr',
    'aes192-ctr',
    'aes128-ctr',
  ],
  mac: ['hmac-sha2-256-etm@openssh.com', 'hmac-sha2-512-etm@openssh.com', 'umac-128-etm@openssh.com'],
  /** RSA host keys below this many bits deviate; below 2048 they are weak outright. */
  minimumRsaBits: 3072,
} as const;

/** Names in a KEXINIT that announce protocol extensions, not algorithms a config line chooses. */
export function isKexMarker(name: string): boolean {
  return name.startsWith('ext-info-') || name.startsWith('kex-strict-');
}
