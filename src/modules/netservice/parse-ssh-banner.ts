import { parseSshBanner as parseIdentification } from '../netssh/parse-ssh-banner.ts';
import { bannerLine } from './banner-line.ts';
import type { ServiceFacts } from './service-facts.ts';

/**
 * An SSH identification string (RFC 4253 §4.2): `SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3`. Servers may
 * send other lines first, so the first 1 KiB is searched for a line starting `SSH-`; the line is read
 * by the SSH audit's parser, so identification and audit name the same software and version.
 */
export function parseSshBanner(bytes: Buffer): ServiceFacts | undefined {
  const head = bytes.subarray(0, 1024).toString('latin1');
  const start = head.startsWith('SSH-') ? 0 : head.indexOf('\nSSH-') + 1;
  if (start === 0 && !head.startsWith('SSH-')) return undefined;
  const banner = bannerLine(bytes.subarray(start));
  const parsed = parseIdentification(banner);
  if (!parsed?.software) return undefined;
  return {
    service: 'ssh',
    banner,
    product: parsed.software,
    ...(parsed.softwareVersion ? { version: parsed.softwareVersion } : {}),
    details: { protocol: parsed.protocolVersion, ...(parsed.comments ? { comments: parsed.comments } : {}) },
  };
}
