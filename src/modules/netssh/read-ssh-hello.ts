import { connect } from 'node:net';
import { oneLine } from '../notify/printable.ts';
import { parseKexInit, SSH_MSG_KEXINIT, type KexInit } from './parse-kexinit.ts';
import { parseSshBanner, type SshBanner } from './parse-ssh-banner.ts';
import { SshAuditError } from './ssh-audit-error.ts';

export interface SshHello {
  ident: SshBanner;
  /** Lines the server sent before its identification (RFC 4253 §4.2 allows them), printable. */
  preBanner: string[];
  /** Absent for an SSH-1-only server, which never sends one. */
  kexInit?: KexInit | undefined;
}

const vigilIdent = 'SSH-2.0-Vigil_audit';

// RFC 4253 §4.2: the identification line is at most 255 characters with its CR LF; §6.1: a
// packet of 35000 bytes must be accepted, and a KEXINIT is far smaller.
const maxLine = 255;
const maxPreBannerLines = 32;
const maxPreBannerBytes = 8192;
const maxPacket = 35_000;
// SSH_MSG_IGNORE and SSH_MSG_DEBUG may come before the KEXINIT; a server sending many is stalling.
const skippable = new Set([2, 4]);
const maxSkipped = 8;

/**
 * Opens a TCP connection, exchanges identification strings and reads the server's KEXINIT, the
 * last thing an SSH server sends in the clear: that is all the algorithm lists need. Every read is
 * capped in bytes, lines and time; nothing is sent but our identification.
 */
export function readSshHello(
  endpoint: { address: string; port: number },
  options: { timeoutMs: number; signal?: AbortSignal | undefined },
): Promise<SshHello> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: endpoint.address, port: endpoint.port });
    let buffer = Buffer.alloc(0);
    let received = 0;
    const preBanner: string[] = [];
    let preBannerBytes = 0;
    let ident: SshBanner | undefined;
    let skipped = 0;
    let settled = false;

    const finish = (error: SshAuditError | undefined, hello?: SshHello): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      if (error) reject(error);
      else if (hello) resolve(hello);
    };
    const onAbort = (): void => finish(new SshAuditError('aborted', 'SSH audit aborted'));
    const timer = setTimeout(
      () => finish(new SshAuditError('timeout', `no SSH KEXINIT within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const readIdent = (): boolean => {
      while (!ident) {
        const newline = buffer.indexOf(0x0a);
        if (newline === -1) {
          if (buffer.length > maxLine) finish(new SshAuditError('not-ssh', 'no identification line'));
          return false;
        }
        const raw = buffer.toString('latin1', 0, newline).replace(/\r$/, '');
        buffer = buffer.subarray(newline + 1);
        if (raw.startsWith('SSH-')) {
          ident = parseSshBanner(raw);
          if (!ident) finish(new SshAuditError('not-ssh', `bad identification ${oneLine(raw, 80)}`));
          return ident !== undefined;
        }
        preBannerBytes += newline + 1;
        preBanner.push(oneLine(raw, maxLine));
        if (preBanner.length > maxPreBannerLines || preBannerBytes > maxPreBannerBytes) {
          finish(new SshAuditError('not-ssh', `no identification after ${preBanner.length} lines`));
          return false;
        }
      }
      return true;
    };

    const readPacket = (): void => {
      while (buffer.length >= 5) {
        const length = buffer.readUInt32BE(0);
        const padding = buffer[4] ?? 0;
        if (length > maxPacket || length < padding + 2) {
          return finish(new SshAuditError('bad-packet', `packet length ${length} (padding ${padding})`));
        }
        if (buffer.length < 4 + length) return;
        const payload = buffer.subarray(5, 4 + length - padding);
        buffer = buffer.subarray(4 + length);
        const type = payload[0] ?? -1;
        if (type === SSH_MSG_KEXINIT) {
          try {
            return finish(undefined, {
              ident: ident as SshBanner,
              preBanner,
              kexInit: parseKexInit(payload),
            });
          } catch (error) {
            return finish(error as SshAuditError);
          }
        }
        if (!skippable.has(type) || (skipped += 1) > maxSkipped) {
          return finish(new SshAuditError('bad-packet', `message ${type} before KEXINIT`));
        }
      }
    };

    socket.on('connect', () => socket.write(`${vigilIdent}\r\n`));
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxPreBannerBytes + maxPacket * 2) {
        return finish(new SshAuditError('bad-packet', `more than ${received} bytes before KEXINIT`));
      }
      buffer = Buffer.concat([buffer, chunk]);
      if (!ident && !readIdent()) return;
      const id = ident as SshBanner;
      // SSH-1 only (not 1.99, which also speaks SSH-2): the identification is all there is.
      if (id.protocolVersion.startsWith('1.') && id.protocolVersion !== '1.99') {
        return finish(undefined, { ident: id, preBanner });
      }
      readPacket();
    });
    socket.on('error', (error) =>
      finish(new SshAuditError('connect-failed', `${endpoint.address}:${endpoint.port}: ${error.message}`)),
    );
    socket.on('close', () =>
      finish(
        new SshAuditError(
          ident ? 'bad-packet' : 'not-ssh',
          ident ? 'connection closed before KEXINIT' : 'connection closed before an identification line',
        ),
      ),
    );
  });
}
