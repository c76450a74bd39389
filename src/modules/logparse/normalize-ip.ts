import { isIP } from 'node:net';

/**
 * An address as logs write it, in one canonical form so counts per source add up: IPv4-mapped
 * IPv6 (`::ffff:1.2.3.4`) becomes the IPv4 address, brackets and an IPv6 zone are dropped, IPv6
 * is lower-cased. Anything that is not an address (a host name, `192.030.0.6`) is undefined.
 */
export function normalizeIp(text: string): string | undefined {
  let ip = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) ip = mapped[1] ?? ip;
  const zone = ip.indexOf('%');
  if (zone > 0) ip = ip.slice(0, zone);
  const family = isIP(ip);
  if (family === 4) return ip;
  if (family === 6) return ip.toLowerCase();
  return undefined;
}

/** A host as a log names it: an address goes to `ip`, anything else that looks like a name to `hostname`. */
export function endpointOf(host: string, port?: number): { ip?: string; hostname?: string; port?: number } {
  const ip = normalizeIp(host);
  const endpoint: { ip?: string; hostname?: string; port?: number } = ip ? { ip } : { hostname: host };
  if (port !== undefined && Number.isInteger(port) && port >= 0 && port <= 65535) endpoint.port = port;
  return endpoint;
}
