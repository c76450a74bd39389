import type { ServiceName } from '../../protocol/netscan.ts';
import { bannerLine } from './banner-line.ts';
import { greetingProduct } from './greeting-product.ts';
import { parseHttpResponse } from './parse-http-response.ts';
import { parseMysqlHandshake } from './parse-mysql-handshake.ts';
import { parseNatsInfo } from './parse-nats-info.ts';
import { parseSshBanner } from './parse-ssh-banner.ts';
import type { ServiceFacts } from './service-facts.ts';

/** Telnet commands WILL, WONT, DO, DONT (RFC 854), each after IAC (0xff). */
const telnetVerbs = new Set([0xfb, 0xfc, 0xfd, 0xfe]);

/** Printable text of a telnet greeting, option negotiations (IAC verb option, IAC SB … IAC SE) left out. */
export function telnetText(bytes: Buffer): string {
  const text: number[] = [];
  for (let i = 0; i < Math.min(bytes.length, 4096); i++) {
    const byte = bytes[i] ?? 0;
    if (byte !== 0xff) text.push(byte);
    else if (telnetVerbs.has(bytes[i + 1] ?? 0)) i += 2;
    else if (bytes[i + 1] === 0xfa) {
      const end = bytes.indexOf(Buffer.from([0xff, 0xf0]), i + 2);
      i = end < 0 ? bytes.length : end + 1;
    } else i += 1;
  }
  return Buffer.from(text)
    .toString('latin1')
    .replace(/^[\r\n\0]+/, '');
}

/**
 * What the first bytes from a service say it is, without asking it anything: the greeting of a
 * server-first protocol, or a reply that gives its protocol away (an HTTP error page answering a
 * probe meant for something else). `hint` settles `220` greetings that name neither SMTP nor FTP.
 */
export function matchGreeting(bytes: Buffer, hint?: ServiceName): ServiceFacts | undefined {
  if (bytes.length === 0) return undefined;
  const ssh = parseSshBanner(bytes);
  if (ssh) return { ...ssh, method: 'banner' };
  if (bytes[0] === 0xff && telnetVerbs.has(bytes[1] ?? 0)) {
    const banner = bannerLine(Buffer.from(telnetText(bytes), 'latin1'));
    return { service: 'telnet', method: 'banner', ...(banner ? { banner } : {}) };
  }
  const nats = parseNatsInfo(bytes);
  if (nats) return { ...nats, method: 'banner' };
  const mysql = parseMysqlHandshake(bytes);
  if (mysql) return { ...mysql, method: 'banner' };
  const http = parseHttpResponse(bytes);
  if (http) return { ...http, method: 'probe' };
  const banner = bannerLine(bytes);
  // A multi-line greeting may name the daemon on a later line (`220-Welcome`, `220 ProFTPD …`).
  const head = bytes.subarray(0, 512).toString('latin1');
  const product = greetingProduct(head);
  if (/^220[ -]/.test(banner)) {
    const service = /\bE?SMTP\b/i.test(head)
      ? 'smtp'
      : /FTP/i.test(head) || hint === 'ftp'
        ? 'ftp'
        : hint === 'smtp'
          ? 'smtp'
          : undefined;
    return {
      service: service ?? 'smtp',
      method: 'banner',
      banner,
      ...product,
      ...(service ? {} : { details: { ambiguous: 'smtp-or-ftp' } }),
    };
  }
  if (/^\* (?:OK|PREAUTH|BYE)\b/i.test(banner)) {
    // PREAUTH: the server logged the client in before it said anything (RFC 9051 §7.1.4).
    const preauth = /^\* PREAUTH\b/i.test(banner);
    return { service: 'imap', method: 'banner', banner, ...product, ...(preauth ? { auth: 'none' } : {}) };
  }
  if (/^\+OK\b/.test(banner)) return { service: 'pop3', method: 'banner', banner, ...product };
  return undefined;
}
