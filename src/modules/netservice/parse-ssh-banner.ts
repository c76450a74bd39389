import { bannerLine, cleanText } from './banner-line.ts';
import type { ServiceFacts } from './service-facts.ts';

/**
 * An SSH identification string (RFC 4253 §4.2): `SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3`. Servers may
 * send other lines first, so the first 1 KiB is searched for a line starting `SSH-`.
 */
export function parseSshBanner(bytes: Buffer): ServiceFacts | undefined {
  const head = bytes.subarray(0, 1024).toString('latin1');
  const start = head.startsWith('SSH-') ? 0 : head.indexOf('\nSSH-') + 1;
  if (start === 0 && !head.startsWith('SSH-')) return undefined;
  const banner = bannerLine(bytes.subarray(start));
  const match = /^SSH-(\d\.\d{1,2})-([^\s-][^\s]{0,100})(?: (.*))?$/.exec(banner);
  if (!match?.[1] || !match[2]) return undefined;
  const [, protocol, software, comments] = match;
  const split = /^([A-Za-z][\w.-]{0,40}?)[_-](\d[\w.+~-]{0,40})$/.exec(software);
  return {
    service: 'ssh',
    banner,
    product: split?.[1] ?? cleanText(software),
    ...(split?.[2] ? { version: split[2] } : {}),
    details: { protocol, ...(comments ? { comments: cleanText(comments) } : {}) },
  };
}
