import { oneLine } from '../notify/printable.ts';

/** Longest banner, product or version text Vigil keeps from a service. */
const maxBannerLength = 200;

/**
 * The first line of what a service sent, decoded byte for byte (latin1: any byte is a character, none
 * is lost or merged) and made printable, so a hostile banner can neither forge lines nor escape codes.
 */
export function bannerLine(bytes: Buffer, max: number = maxBannerLength): string {
  const head = bytes.subarray(0, 1024);
  let end = head.findIndex((byte) => byte === 0x0a || byte === 0x0d);
  if (end < 0) end = head.length;
  return oneLine(head.subarray(0, end).toString('latin1'), max);
}

/** Any attacker-controlled text cut to one printable line. */
export function cleanText(text: string, max: number = maxBannerLength): string {
  return oneLine(text.slice(0, max * 4), max);
}

/**
 * `nginx/1.22.1 (Debian)` → nginx, 1.22.1; `Apache` → Apache. The first product token of a Server
 * header or a greeting, on capped text with bounded patterns.
 */
export function productVersion(token: string): { product?: string; version?: string } {
  const match = /^([A-Za-z][\w.-]{0,60})(?:\/v?(\d[\w.+~-]{0,40}))?/.exec(token.slice(0, 200).trim());
  if (!match?.[1]) return {};
  return { product: cleanText(match[1]), ...(match[2] ? { version: cleanText(match[2]) } : {}) };
}
