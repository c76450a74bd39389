import type { SshHostKey, SshReport } from '../../protocol/net-ssh.ts';
import type { NetFinding } from '../../protocol/netscan.ts';
import { hostKeyAlgorithmsToProbe, probeSshAuth } from './probe-ssh-auth.ts';
import { rateSshAlgorithm } from './rate-ssh-algorithm.ts';
import { readSshHello } from './read-ssh-hello.ts';
import { sshFindings } from './ssh-findings.ts';

const defaultTimeoutMs = 5000;

/**
 * Audits one SSH server (docs/ssh-http-audit.md): the identification and KEXINIT read by hand in
 * the clear, every offered algorithm rated ssh-audit style, then one full key exchange per host
 * key (ssh2) to read the keys and the authentication methods offered after `none`. Throws
 * SshAuditError when the endpoint is not SSH or does not answer; a server ssh2 cannot negotiate
 * with still gets its algorithm findings, with `authMethods` and `keys` left out.
 */
export async function auditSsh(
  endpoint: { address: string; port: number; host?: string | undefined },
  options: { timeoutMs?: number | undefined; signal?: AbortSignal | undefined } = {},
): Promise<{ report: SshReport; findings: NetFinding[] }> {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const hello = await readSshHello(endpoint, { timeoutMs, signal: options.signal });
  const { ident, kexInit } = hello;
  const report: SshReport = {
    address: endpoint.address,
    port: endpoint.port,
    banner: ident.banner,
    protocolVersion: ident.protocolVersion,
    software: ident.software,
    softwareVersion: ident.softwareVersion,
    kex: (kexInit?.kex ?? []).map((name) => rateSshAlgorithm('kex', name)),
    hostKeys: (kexInit?.hostKeys ?? []).map((name) => rateSshAlgorithm('hostKey', name)),
    ciphers: (kexInit?.ciphersClientToServer ?? []).map((name) => rateSshAlgorithm('cipher', name)),
    macs: (kexInit?.macsClientToServer ?? []).map((name) => rateSshAlgorithm('mac', name)),
    compression: kexInit?.compressionClientToServer ?? [],
  };
  if (kexInit) {
    report.strictKex = kexInit.kex.includes('kex-strict-s-v00@openssh.com');
    const probes = await Promise.all(
      hostKeyAlgorithmsToProbe(kexInit).map((algorithm) =>
        probeSshAuth(endpoint, kexInit, algorithm, { timeoutMs, signal: options.signal }),
      ),
    );
    const keys = probes.map((probe) => probe.hostKey).filter((key): key is SshHostKey => key !== undefined);
    if (keys.length > 0) report.keys = keys;
    report.authMethods = probes.find((probe) => probe.authMethods)?.authMethods;
  }
  options.signal?.throwIfAborted();
  return { report, findings: sshFindings(report, { host: endpoint.host }) };
}
