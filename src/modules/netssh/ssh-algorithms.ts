import type { Severity } from '../../protocol/finding.ts';

/*
 * What is known about each SSH algorithm, restated from ssh-audit's database (jtesta/ssh-audit,
 * src/ssh_audit/ssh2_kexdb.py, the 3.x table, MIT licence): the same fail/warn/info reasons per
 * algorithm, and "available since" versions as ssh-audit gives them (plain = OpenSSH, d = Dropbear,
 * l1 = libssh). Additions not in that table are marked `vigil:` with their source.
 *
 * Vigil adds one thing ssh-audit does not have: a severity per failure reason, so a finding can say
 * how bad an offered algorithm is (docs/ssh-http-audit.md, "Severities").
 */

export type SshCategory = 'kex' | 'hostKey' | 'cipher' | 'mac';

const failReasons = {
  modulus1024: { text: 'using small 1024-bit modulus', severity: 'high' },
  des3: { text: 'using broken & deprecated 3DES cipher', severity: 'medium' },
  blowfish: { text: 'using weak & deprecated Blowfish cipher', severity: 'medium' },
  cast: { text: 'using weak & deprecated CAST cipher', severity: 'medium' },
  des: { text: 'using broken DES cipher', severity: 'high' },
  idea: { text: 'using deprecated IDEA cipher', severity: 'medium' },
  logjam: { text: 'vulnerable to the Logjam attack', severity: 'high' },
  md5: { text: 'using broken MD5 hash algorithm', severity: 'high' },
  nsaCurve: {
    text: 'using elliptic curves that are suspected as being backdoored by the U.S. National Security Agency',
    severity: 'low',
  },
  plaintext: { text: 'no encryption/integrity', severity: 'critical' },
  rc4: { text: 'using broken RC4 cipher', severity: 'high' },
  rijndael: { text: 'using deprecated & non-standardized Rijndael cipher', severity: 'medium' },
  ripemd: { text: 'using deprecated RIPEMD hash algorithm', severity: 'medium' },
  seed: { text: 'using deprecated SEED cipher', severity: 'medium' },
  serpent: { text: 'using deprecated Serpent cipher', severity: 'medium' },
  sha1: { text: 'using broken SHA-1 hash algorithm', severity: 'medium' },
  smallEcc: { text: 'using small ECC modulus', severity: 'high' },
  unknown: { text: 'using unknown algorithm', severity: 'medium' },
  unproven: { text: 'using unproven algorithm', severity: 'medium' },
  untrusted: {
    text: 'using untrusted algorithm developed in secret by a government entity',
    severity: 'medium',
  },
} as const satisfies Record<string, { text: string; severity: Severity }>;

const warnReasons = {
  modulus2048: '2048-bit modulus only provides 112-bits of symmetric strength',
  blockSize: 'using small 64-bit block size',
  cipherMode: 'using weak cipher mode',
  encryptAndMac: 'using encrypt-and-MAC mode',
  experimental: 'using experimental algorithm',
  rndsigKey: 'using weak random number generator could reveal the key',
  tagSize: 'using small 64-bit tag size',
  tagSize96: 'using small 96-bit tag size',
} as const;

const infoReasons = {
  defaultCipher: 'default cipher since OpenSSH 6.9',
  defaultKex: 'default key exchange since OpenSSH 6.4',
  deprecated88: 'deprecated in OpenSSH 8.8',
  disabledDropbear67: 'disabled in Dropbear SSH 2015.67',
  disabled70: 'disabled in OpenSSH 7.0',
  neverInOpenssh: 'despite the @openssh.com tag, this was never implemented in OpenSSH',
  removed61: 'removed since OpenSSH 6.1, removed from specification',
  removed69: 'removed in OpenSSH 6.9',
  removed70: 'removed in OpenSSH 7.0',
  withdrawnPq:
    'the sntrup4591761 algorithm was withdrawn, as it may not provide strong post-quantum security',
  marker: 'protocol extension marker, not an algorithm',
  defaultKex10: 'default key exchange since OpenSSH 10.0',
} as const;

export type FailReason = keyof typeof failReasons;
type WarnReason = keyof typeof warnReasons;
type InfoReason = keyof typeof infoReasons;

export interface AlgorithmKnowledge {
  /** `[added, deprecated?, removed?]` as ssh-audit lists them. */
  since?: string;
  fail?: FailReason[];
  warn?: WarnReason[];
  info?: InfoReason[];
  /**
   * Overrides the severity the failure reasons give. HMAC-SHA1 is rated fail for SHA-1, but HMAC
   * does not rely on collision resistance: offering it is hardening debt, not an exposure.
   */
  severity?: Severity;
}

export function failText(reason: FailReason): string {
  return failReasons[reason].text;
}
export function failSeverity(reason: FailReason): Severity {
  return failReasons[reason].severity;
}
export function warnText(reason: WarnReason): string {
  return warnReasons[reason];
}
export function infoText(reason: InfoReason): string {
  return infoReasons[reason];
}

type Table = Record<string, AlgorithmKnowledge>;

const nist: AlgorithmKnowledge = { fail: ['nsaCurve'] };
const nistKey: AlgorithmKnowledge = { fail: ['nsaCurve'], warn: ['rndsigKey'] };
const ok: AlgorithmKnowledge = {};

const kex: Table = {
  Curve25519SHA256: ok,
  'curve25519-sha256': { since: '7.4,d2018.76', info: ['defaultKex'] },
  'curve25519-sha256@libssh.org': { since: '6.4,d2013.62,l10.6.0', info: ['defaultKex'] },
  'curve448-sha512': ok,
  'curve448-sha512@libssh.org': ok,
  'diffie-hellman-group14-sha1': { since: '3.9,d0.53,l10.6.0', fail: ['sha1'], warn: ['modulus2048'] },
  'diffie-hellman-group14-sha224@ssh.com': ok,
  'diffie-hellman-group14-sha256': { since: '7.3,d2016.73', warn: ['modulus2048'] },
  'diffie-hellman-group14-sha256@ssh.com': { warn: ['modulus2048'] },
  'diffie-hellman-group15-sha256': ok,
  'diffie-hellman-group15-sha256@ssh.com': ok,
  'diffie-hellman-group15-sha384@ssh.com': ok,
  'diffie-hellman-group15-sha512': ok,
  'diffie-hellman-group16-sha256': ok,
  'diffie-hellman-group16-sha384@ssh.com': ok,
  'diffie-hellman-group16-sha512': { since: '7.3,d2016.73' },
  'diffie-hellman-group16-sha512@ssh.com': ok,
  'diffie-hellman-group17-sha512': ok,
  'diffie-hellman_group17-sha512': ok,
  'diffie-hellman-group18-sha512': { since: '7.3' },
  'diffie-hellman-group18-sha512@ssh.com': ok,
  'diffie-hellman-group1-sha1': {
    since: '2.3.0,d0.28,l10.2;6.6;6.9',
    fail: ['modulus1024', 'logjam', 'sha1'],
    info: ['removed69'],
  },
  'diffie-hellman-group1-sha256': { fail: ['modulus1024'] },
  'diffie-hellman-group-exchange-sha1': { since: '2.3.0;6.6', fail: ['sha1'] },
  'diffie-hellman-group-exchange-sha224@ssh.com': ok,
  'diffie-hellman-group-exchange-sha256': { since: '4.4' },
  'diffie-hellman-group-exchange-sha256@ssh.com': ok,
  'diffie-hellman-group-exchange-sha384@ssh.com': ok,
  'diffie-hellman-group-exchange-sha512@ssh.com': ok,
  'ecdh-sha2-1.2.840.10045.3.1.1': { fail: ['smallEcc', 'nsaCurve'] },
  'ecdh-sha2-1.2.840.10045.3.1.7': nist,
  'ecdh-sha2-1.3.132.0.10': ok,
  'ecdh-sha2-1.3.132.0.16': ok,
  'ecdh-sha2-1.3.132.0.1': { fail: ['smallEcc'] },
  'ecdh-sha2-1.3.132.0.26': { fail: ['smallEcc'] },
  'ecdh-sha2-1.3.132.0.27': { fail: ['smallEcc', 'nsaCurve'] },
  'ecdh-sha2-1.3.132.0.33': { fail: ['smallEcc', 'nsaCurve'] },
  'ecdh-sha2-1.3.132.0.34': nist,
  'ecdh-sha2-1.3.132.0.35': nist,
  'ecdh-sha2-1.3.132.0.36': ok,
  'ecdh-sha2-1.3.132.0.37': nist,
  'ecdh-sha2-1.3.132.0.38': ok,
  'ecdh-sha2-4MHB+NBt3AlaSRQ7MnB4cg==': { fail: ['smallEcc'] },
  'ecdh-sha2-5pPrSUQtIaTjUSt5VZNBjg==': { fail: ['smallEcc', 'nsaCurve'] },
  'ecdh-sha2-9UzNcgwTlEnSCECZa7V1mw==': nist,
  'ecdh-sha2-curve25519': ok,
  'ecdh-sha2-D3FefCjYoJ/kfXgAyLddYA==': nist,
  'ecdh-sha2-h/SsxnLCtRBh7I9ATyeB3A==': nist,
  'ecdh-sha2-m/FtSAmrV4j/Wy6RVUaK7A==': ok,
  'ecdh-sha2-mNVwCXAoS1HGmHpLvBC94w==': ok,
  'ecdh-sha2-nistb233': ok,
  'ecdh-sha2-nistb409': ok,
  'ecdh-sha2-nistk163': { fail: ['smallEcc'] },
  'ecdh-sha2-nistk233': ok,
  'ecdh-sha2-nistk283': ok,
  'ecdh-sha2-nistk409': ok,
  'ecdh-sha2-nistp192': nist,
  'ecdh-sha2-nistp224': nist,
  'ecdh-sha2-nistp256': { since: '5.7,d2013.62,l10.6.0', fail: ['nsaCurve'] },
  'ecdh-sha2-nistp384': { since: '5.7,d2013.62', fail: ['nsaCurve'] },
  'ecdh-sha2-nistp521': { since: '5.7,d2013.62', fail: ['nsaCurve'] },
  'ecdh-sha2-nistt571': ok,
  'ecdh-sha2-qCbG5Cn/jjsZ7nBeR7EnOA==': { fail: ['smallEcc', 'nsaCurve'] },
  'ecdh-sha2-qcFQaMAMGhTziMT0z+Tuzw==': nist,
  'ecdh-sha2-VqBg4QRPjxx1EXZdV0GdWQ==': { fail: ['smallEcc', 'nsaCurve'] },
  'ecdh-sha2-wiRIU8TKjMZ418sMqlqtvQ==': ok,
  'ecdh-sha2-zD/b3hu/71952ArpUG4OjQ==': { fail: ['smallEcc'] },
  'ecmqv-sha2': { fail: ['unproven'] },
  'ext-info-c': { info: ['marker'] },
  'ext-info-s': { info: ['marker'] },
  // vigil: OpenSSH 9.6 strict key exchange (the Terrapin countermeasure), a marker like ext-info.
  'kex-strict-c-v00@openssh.com': { info: ['marker'] },
  'kex-strict-s-v00@openssh.com': { info: ['marker'] },
  kexAlgoCurve25519SHA256: ok,
  'kexguess2@matt.ucc.asn.au': { since: 'd2013.57' },
  'm383-sha384@libassh.org': { fail: ['unproven'] },
  'm511-sha512@libassh.org': { fail: ['unproven'] },
  // vigil: the OpenSSH 9.9 post-quantum hybrids (openssh.com/releasenotes.html#9.9).
  'mlkem768x25519-sha256': { since: '9.9', info: ['defaultKex10'] },
  'rsa1024-sha1': { fail: ['modulus1024', 'sha1'] },
  'rsa2048-sha256': { warn: ['modulus2048'] },
  'sntrup4591761x25519-sha512@tinyssh.org': {
    since: '8.0;8.4',
    warn: ['experimental'],
    info: ['withdrawnPq'],
  },
  'sntrup761x25519-sha512': { since: '9.9' },
  'sntrup761x25519-sha512@openssh.com': { since: '8.5' },
};

/** GSS key exchanges carry a variable base64 suffix: ssh-audit matches them by prefix. */
const kexPrefixes: Table = {
  'gss-13.3.132.0.10-sha256-': { fail: ['unknown'] },
  'gss-curve25519-sha256-': ok,
  'gss-curve448-sha512-': ok,
  'gss-gex-sha1-': { fail: ['sha1'] },
  'gss-gex-sha256-': ok,
  'gss-group14-sha1-': { fail: ['sha1'], warn: ['modulus2048'] },
  'gss-group14-sha256-': { warn: ['modulus2048'] },
  'gss-group15-sha512-': ok,
  'gss-group16-sha512-': ok,
  'gss-group17-sha512-': ok,
  'gss-group18-sha512-': ok,
  'gss-group1-sha1-': { fail: ['modulus1024', 'logjam', 'sha1'] },
  'gss-nistp256-sha256-': nist,
  'gss-nistp384-sha256-': nist,
  'gss-nistp521-sha512-': nist,
};

const dss1024: AlgorithmKnowledge = { fail: ['modulus1024'] };

const hostKey: Table = {
  'dsa2048-sha224@libassh.org': { fail: ['unproven'], warn: ['modulus2048'] },
  'dsa2048-sha256@libassh.org': { fail: ['unproven'], warn: ['modulus2048'] },
  'dsa3072-sha256@libassh.org': { fail: ['unproven'] },
  'ecdsa-sha2-1.3.132.0.10-cert-v01@openssh.com': { fail: ['unknown'] },
  'ecdsa-sha2-1.3.132.0.10': { warn: ['rndsigKey'] },
  'ecdsa-sha2-nistp256': { since: '5.7,d2013.62,l10.6.4', ...nistKey },
  'ecdsa-sha2-nistp256-cert-v01@openssh.com': { since: '5.7', ...nistKey },
  'ecdsa-sha2-nistp384': { since: '5.7,d2013.62,l10.6.4', ...nistKey },
  'ecdsa-sha2-nistp384-cert-v01@openssh.com': { since: '5.7', ...nistKey },
  'ecdsa-sha2-nistp521': { since: '5.7,d2013.62,l10.6.4', ...nistKey },
  'ecdsa-sha2-nistp521-cert-v01@openssh.com': { since: '5.7', ...nistKey },
  'eddsa-e382-shake256@libassh.org': { fail: ['unproven'] },
  'eddsa-e521-shake256@libassh.org': { fail: ['unproven'] },
  null: { fail: ['plaintext'] },
  'pgp-sign-dss': dss1024,
  'pgp-sign-rsa': dss1024,
  'rsa-sha2-256': { since: '7.2' },
  'rsa-sha2-256-cert-v01@openssh.com': { since: '7.8' },
  'rsa-sha2-512': { since: '7.2' },
  'rsa-sha2-512-cert-v01@openssh.com': { since: '7.8' },
  'sk-ecdsa-sha2-nistp256-cert-v01@openssh.com': { since: '8.2', ...nistKey },
  'sk-ecdsa-sha2-nistp256@openssh.com': { since: '8.2', ...nistKey },
  'sk-ssh-ed25519-cert-v01@openssh.com': { since: '8.2' },
  'sk-ssh-ed25519@openssh.com': { since: '8.2' },
  'spi-sign-rsa': ok,
  'spki-sign-dss': dss1024,
  'spki-sign-rsa': dss1024,
  'ssh-dss': {
    since: '2.1.0,d0.28,l10.2;6.9',
    fail: ['modulus1024'],
    warn: ['rndsigKey'],
    info: ['disabled70'],
  },
  'ssh-dss-cert-v00@openssh.com': {
    since: '5.4;6.9',
    fail: ['modulus1024'],
    warn: ['rndsigKey'],
    info: ['disabled70'],
  },
  'ssh-dss-cert-v01@openssh.com': { since: '5.6;6.9', fail: ['modulus1024'], warn: ['rndsigKey'] },
  'ssh-dss-sha224@ssh.com': dss1024,
  'ssh-dss-sha256@ssh.com': dss1024,
  'ssh-dss-sha384@ssh.com': dss1024,
  'ssh-dss-sha512@ssh.com': dss1024,
  'ssh-ed25519': { since: '6.5,l10.7.0' },
  'ssh-ed25519-cert-v01@openssh.com': { since: '6.5' },
  'ssh-ed448': ok,
  'ssh-ed448-cert-v01@openssh.com': { info: ['neverInOpenssh'] },
  'ssh-gost2001': { fail: ['untrusted'] },
  'ssh-gost2012-256': { fail: ['untrusted'] },
  'ssh-gost2012-512': { fail: ['untrusted'] },
  'ssh-rsa1': { fail: ['sha1'] },
  'ssh-rsa': { since: '2.5.0,d0.28,l10.2', fail: ['sha1'], info: ['deprecated88'] },
  'ssh-rsa-cert-v00@openssh.com': { since: '5.4;6.9', fail: ['sha1'], info: ['removed70'] },
  'ssh-rsa-cert-v01@openssh.com': { since: '5.6', fail: ['sha1'], info: ['deprecated88'] },
  'ssh-rsa-sha224@ssh.com': ok,
  'ssh-rsa-sha2-256': ok,
  'ssh-rsa-sha2-512': ok,
  'ssh-rsa-sha256@ssh.com': ok,
  'ssh-rsa-sha384@ssh.com': ok,
  'ssh-rsa-sha512@ssh.com': ok,
  'ssh-xmss-cert-v01@openssh.com': { since: '7.7', warn: ['experimental'] },
  'ssh-xmss@openssh.com': { since: '7.7', warn: ['experimental'] },
  'webauthn-sk-ecdsa-sha2-nistp256@openssh.com': { since: '8.3', fail: ['nsaCurve'] },
  'x509v3-ecdsa-sha2-1.3.132.0.10': { fail: ['unknown'] },
  'x509v3-ecdsa-sha2-nistp256': nist,
  'x509v3-ecdsa-sha2-nistp384': nist,
  'x509v3-ecdsa-sha2-nistp521': nist,
  'x509v3-rsa2048-sha256': ok,
  'x509v3-sign-dss': { fail: ['modulus1024'], warn: ['rndsigKey'] },
  'x509v3-sign-dss-sha1': { fail: ['modulus1024', 'sha1'] },
  'x509v3-sign-dss-sha224@ssh.com': dss1024,
  'x509v3-sign-dss-sha256@ssh.com': dss1024,
  'x509v3-sign-dss-sha384@ssh.com': dss1024,
  'x509v3-sign-dss-sha512@ssh.com': dss1024,
  'x509v3-sign-rsa': { fail: ['sha1'] },
  'x509v3-sign-rsa-sha1': { fail: ['sha1'] },
  'x509v3-sign-rsa-sha224@ssh.com': ok,
  'x509v3-sign-rsa-sha256@ssh.com': ok,
  'x509v3-sign-rsa-sha384@ssh.com': ok,
  'x509v3-sign-rsa-sha512@ssh.com': ok,
  'x509v3-ssh-dss': { fail: ['modulus1024'], warn: ['rndsigKey'] },
  'x509v3-ssh-rsa': { fail: ['sha1'], info: ['deprecated88'] },
};

const cbc: WarnReason[] = ['cipherMode'];
const cbc64: WarnReason[] = ['cipherMode', 'blockSize'];

const cipher: Table = {
  '3des-cbc': { since: '1.2.2,d0.28,l10.2;6.6', fail: ['des3'], warn: cbc64 },
  '3des-cfb': { fail: ['des3'], warn: cbc },
  '3des-ctr': { since: 'd0.52', fail: ['des3'] },
  '3des-ecb': { fail: ['des3'], warn: cbc },
  '3des': { fail: ['des3'], warn: cbc64 },
  '3des-ofb': { fail: ['des3'], warn: cbc },
  AEAD_AES_128_GCM: ok,
  AEAD_AES_256_GCM: ok,
  'aes128-cbc': { since: '2.3.0,d0.28,l10.2;6.6', warn: cbc },
  'aes128-ctr': { since: '3.7,d0.52,l10.4.1' },
  'aes128-gcm': ok,
  'aes128-gcm@openssh.com': { since: '6.2' },
  'aes192-cbc': { since: '2.3.0,l10.2;6.6', warn: cbc },
  'aes192-ctr': { since: '3.7,l10.4.1' },
  'aes256-cbc': { since: '2.3.0,d0.47,l10.2;6.6', warn: cbc },
  'aes256-ctr': { since: '3.7,d0.52,l10.4.1' },
  'aes256-gcm': ok,
  'aes256-gcm@openssh.com': { since: '6.2' },
  arcfour128: { since: '4.2;6.6;7.1', fail: ['rc4'] },
  arcfour: { since: '2.1.0;6.6;7.1', fail: ['rc4'] },
  arcfour256: { since: '4.2;6.6;7.1', fail: ['rc4'] },
  'blowfish-cbc': { since: '1.2.2,d0.28,l10.2;6.6,d0.52;7.1,d0.52', fail: ['blowfish'], warn: cbc64 },
  'blowfish-cfb': { fail: ['blowfish'], warn: cbc },
  'blowfish-ctr': { fail: ['blowfish'], warn: cbc64 },
  'blowfish-ecb': { fail: ['blowfish'], warn: cbc },
  blowfish: { fail: ['blowfish'], warn: ['blockSize'] },
  'blowfish-ofb': { fail: ['blowfish'], warn: cbc },
  'camellia128-cbc@openssh.org': { warn: cbc },
  'camellia128-cbc': { warn: cbc },
  'camellia128-ctr': ok,
  'camellia128-ctr@openssh.org': ok,
  'camellia192-cbc@openssh.org': { warn: cbc },
  'camellia192-cbc': { warn: cbc },
  'camellia192-ctr': ok,
  'camellia192-ctr@openssh.org': ok,
  'camellia256-cbc@openssh.org': { warn: cbc },
  'camellia256-cbc': { warn: cbc },
  'camellia256-ctr': ok,
  'camellia256-ctr@openssh.org': ok,
  'cast128-12-cbc@ssh.com': { fail: ['cast'], warn: cbc },
  'cast128-cbc': { since: '2.1.0;6.6;7.1', fail: ['cast'], warn: cbc64 },
  'cast128-cfb': { fail: ['cast'], warn: cbc },
  'cast128-ctr': { fail: ['cast'] },
  'cast128-ecb': { fail: ['cast'], warn: cbc },
  'cast128-ofb': { fail: ['cast'], warn: cbc },
  'chacha20-poly1305': { info: ['defaultCipher'] },
  'chacha20-poly1305@openssh.com': { since: '6.5', info: ['defaultCipher'] },
  'crypticore128@ssh.com': { fail: ['unproven'] },
  'des-cbc': { fail: ['des'], warn: cbc64 },
  'des-cbc-ssh1': { fail: ['des'], warn: cbc64 },
  'des-cbc@ssh.com': { fail: ['des'], warn: cbc64 },
  des: { fail: ['des'], warn: cbc64 },
  'idea-cbc': { fail: ['idea'], warn: cbc },
  'idea-cfb': { fail: ['idea'], warn: cbc },
  'idea-ctr': { fail: ['idea'] },
  'idea-ecb': { fail: ['idea'], warn: cbc },
  'idea-ofb': { fail: ['idea'], warn: cbc },
  none: { since: '1.2.2,d2013.56,l10.2', fail: ['plaintext'] },
  'rijndael128-cbc': { since: '2.3.0;7.0', fail: ['rijndael'], warn: cbc, info: ['disabled70'] },
  'rijndael192-cbc': { since: '2.3.0;7.0', fail: ['rijndael'], warn: cbc, info: ['disabled70'] },
  'rijndael256-cbc': { since: '2.3.0;7.0', fail: ['rijndael'], warn: cbc, info: ['disabled70'] },
  'rijndael-cbc@lysator.liu.se': {
    since: '2.3.0;6.6;7.0',
    fail: ['rijndael'],
    warn: cbc,
    info: ['disabled70'],
  },
  'rijndael-cbc@ssh.com': { fail: ['rijndael'], warn: cbc },
  'seed-cbc@ssh.com': { fail: ['seed'], warn: cbc },
  'seed-ctr@ssh.com': { fail: ['seed'] },
  'serpent128-cbc': { fail: ['serpent'], warn: cbc },
  'serpent128-ctr': { fail: ['serpent'] },
  'serpent128-gcm@libassh.org': { fail: ['serpent'] },
  'serpent192-cbc': { fail: ['serpent'], warn: cbc },
  'serpent192-ctr': { fail: ['serpent'] },
  'serpent256-cbc': { fail: ['serpent'], warn: cbc },
  'serpent256-ctr': { fail: ['serpent'] },
  'serpent256-gcm@libassh.org': { fail: ['serpent'] },
  'twofish128-cbc': { since: 'd0.47;d2014.66', warn: cbc, info: ['disabledDropbear67'] },
  'twofish128-ctr': { since: 'd2015.68' },
  'twofish128-gcm@libassh.org': ok,
  'twofish192-cbc': { warn: cbc },
  'twofish192-ctr': ok,
  'twofish256-cbc': { since: 'd0.47;d2014.66', warn: cbc, info: ['disabledDropbear67'] },
  'twofish256-ctr': { since: 'd2015.68' },
  'twofish256-gcm@libassh.org': ok,
  'twofish-cbc': { since: 'd0.28;d2014.66', warn: cbc, info: ['disabledDropbear67'] },
  'twofish-cfb': { warn: cbc },
  'twofish-ctr': ok,
  'twofish-ecb': { warn: cbc },
  'twofish-ofb': { warn: cbc },
};

const eam: WarnReason[] = ['encryptAndMac'];
const hmacSha1: AlgorithmKnowledge = { fail: ['sha1'], severity: 'low' };

const mac: Table = {
  AEAD_AES_128_GCM: ok,
  AEAD_AES_256_GCM: ok,
  'aes128-gcm': ok,
  'aes256-gcm': ok,
  'chacha20-poly1305@openssh.com': { info: ['neverInOpenssh'] },
  'crypticore-mac@ssh.com': { fail: ['unproven'] },
  'hmac-md5': { since: '2.1.0,d0.28;6.6;7.1', fail: ['md5'], warn: eam },
  'hmac-md5-96': { since: '2.5.0;6.6;7.1', fail: ['md5'], warn: eam },
  'hmac-md5-96-etm@openssh.com': { since: '6.2;6.6;7.1', fail: ['md5'] },
  'hmac-md5-etm@openssh.com': { since: '6.2;6.6;7.1', fail: ['md5'] },
  'hmac-ripemd160': { since: '2.5.0;6.6;7.1', fail: ['ripemd'], warn: eam },
  'hmac-ripemd160-96': { fail: ['ripemd'], warn: ['encryptAndMac', 'tagSize'] },
  'hmac-ripemd160-etm@openssh.com': { since: '6.2;6.6;7.1', fail: ['ripemd'] },
  'hmac-ripemd160@openssh.com': { since: '2.1.0;6.6;7.1', fail: ['ripemd'], warn: eam },
  'hmac-ripemd': { fail: ['ripemd'], warn: eam },
  'hmac-sha1': { since: '2.1.0,d0.28,l10.2', ...hmacSha1, warn: eam },
  'hmac-sha1-96': { since: '2.5.0,d0.47;6.6;7.1', ...hmacSha1, warn: eam },
  'hmac-sha1-96-etm@openssh.com': { since: '6.2;6.6', ...hmacSha1 },
  'hmac-sha1-96@openssh.com': { ...hmacSha1, warn: ['tagSize', 'encryptAndMac'], info: ['neverInOpenssh'] },
  'hmac-sha1-etm@openssh.com': { since: '6.2', ...hmacSha1 },
  'hmac-sha2-224': { warn: ['tagSize', 'encryptAndMac'] },
  'hmac-sha224@ssh.com': { warn: eam },
  'hmac-sha2-256': { since: '5.9,d2013.56,l10.7.0', warn: eam },
  'hmac-sha2-256-96': { since: '5.9;6.0', warn: eam, info: ['removed61'] },
  'hmac-sha2-256-96-etm@openssh.com': { warn: ['tagSize96'], info: ['neverInOpenssh'] },
  'hmac-sha2-256-etm@openssh.com': { since: '6.2' },
  'hmac-sha2-384': { warn: eam },
  'hmac-sha2-512': { since: '5.9,d2013.56,l10.7.0', warn: eam },
  'hmac-sha2-512-96': { since: '5.9;6.0', warn: eam, info: ['removed61'] },
  'hmac-sha2-512-96-etm@openssh.com': { warn: ['tagSize96'], info: ['neverInOpenssh'] },
  'hmac-sha2-512-etm@openssh.com': { since: '6.2' },
  'hmac-sha256-2@ssh.com': { warn: eam },
  'hmac-sha256-96@ssh.com': { warn: ['encryptAndMac', 'tagSize'] },
  'hmac-sha256@ssh.com': { warn: eam },
  'hmac-sha256': { warn: eam },
  'hmac-sha2-56': { warn: ['tagSize', 'encryptAndMac'] },
  'hmac-sha3-224': { warn: eam },
  'hmac-sha3-256': { warn: eam },
  'hmac-sha3-384': { warn: eam },
  'hmac-sha3-512': { warn: eam },
  'hmac-sha384@ssh.com': { warn: eam },
  'hmac-sha512@ssh.com': { warn: eam },
  'hmac-sha512': { warn: eam },
  'hmac-whirlpool': { warn: eam },
  none: { since: 'd2013.56', fail: ['plaintext'] },
  'umac-128-etm@openssh.com': { since: '6.2' },
  'umac-128@openssh.com': { since: '6.2', warn: eam },
  'umac-32@openssh.com': { warn: ['encryptAndMac', 'tagSize'], info: ['neverInOpenssh'] },
  'umac-64-etm@openssh.com': { since: '6.2', warn: ['tagSize'] },
  'umac-64@openssh.com': { since: '4.7', warn: ['encryptAndMac', 'tagSize'] },
  'umac-96@openssh.com': { warn: eam, info: ['neverInOpenssh'] },
};

const tables: Record<SshCategory, Table> = { kex, hostKey, cipher, mac };

/** What the table knows about one algorithm name, or undefined for a name it has never seen. */
export function algorithmKnowledge(category: SshCategory, name: string): AlgorithmKnowledge | undefined {
  const exact = Object.hasOwn(tables[category], name) ? tables[category][name] : undefined;
  if (exact || category !== 'kex' || !name.startsWith('gss-')) return exact;
  return Object.entries(kexPrefixes).find(([prefix]) => name.startsWith(prefix))?.[1];
}
