import { cleanText } from './banner-line.ts';
import type { ServiceFacts } from './service-facts.ts';

/** NATS servers greet with `INFO {json}\r\n`: version, whether auth and TLS are required. */
export function parseNatsInfo(bytes: Buffer): ServiceFacts | undefined {
  const head = bytes.subarray(0, 16 * 1024).toString('latin1');
  if (!head.startsWith('INFO {')) return undefined;
  const end = head.indexOf('\r\n');
  let info: unknown;
  try {
    info = JSON.parse(head.slice(5, end < 0 ? undefined : end));
  } catch {
    return undefined;
  }
  if (typeof info !== 'object' || info === null) return undefined;
  const fields = info as Record<string, unknown>;
  const text = (key: string) => (typeof fields[key] === 'string' ? cleanText(fields[key]) : undefined);
  const version = text('version');
  const details: Record<string, string> = {};
  for (const key of ['server_id', 'server_name', 'go', 'proto'] as const) {
    const value = fields[key];
    if (typeof value === 'string' || typeof value === 'number') details[key] = cleanText(String(value));
  }
  return {
    service: 'nats',
    product: 'nats-server',
    ...(version ? { version } : {}),
    banner: cleanText(head.slice(0, end < 0 ? 200 : end)),
    auth: fields.auth_required === true ? 'required' : 'none',
    starttls: fields.tls_required === true || fields.tls_available === true,
    details,
  };
}
