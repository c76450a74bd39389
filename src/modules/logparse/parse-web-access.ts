import type { SecurityEvent } from '../../protocol/security-event.ts';
import { newEvent, type LineContext } from './new-event.ts';
import { endpointOf } from './normalize-ip.ts';
import { parseClfTime } from './parse-clf-time.ts';
import { decodeUrl } from './decode-url.ts';

// [vhost[:port] ]client ident user [time] "request" status bytes[ "referer" "user-agent"]…
// Quoted fields allow backslash escapes (Apache writes \", nginx \x22); the two alternatives
// never overlap, so a hostile line costs linear time.
const quoted = String.raw`"((?:[^"\\]|\\.)*)"`;
const accessLine = new RegExp(
  String.raw`^(?:(\S+) )?(\S+) (\S+) (\S+) \[([^\]]{1,40})\] ${quoted} (\d{3}|-) (\d+|-)(?: ${quoted} ${quoted})?`,
);
const requestLine = /^([A-Za-z_-]{1,20}) (\S+)(?: (HTTP\/\d(?:\.\d)?))?$/;
const activities: Record<string, number> = {
  CONNECT: 1,
  DELETE: 2,
  GET: 3,
  HEAD: 4,
  OPTIONS: 5,
  POST: 6,
  PUT: 7,
  TRACE: 8,
};

/**
 * nginx and Apache access logs, combined and common, with or without a leading virtual host
 * (Apache's vhost_combined, nginx's "$host $remote_addr …"). Garbled request lines (TLS
 * handshakes sent to an HTTP port, "-") are kept as they were sent, without a method.
 */
export function parseWebAccess(context: LineContext): SecurityEvent | undefined {
  const m = accessLine.exec(context.header.message);
  if (!m) return undefined;
  const [
    ,
    vhost,
    client = '',
    ,
    authUser = '-',
    stamp = '',
    request = '',
    status = '-',
    bytes = '-',
    referrer,
    agent,
  ] = m;
  const time = parseClfTime(stamp);
  if (time === undefined) return undefined;
  const parsed = requestLine.exec(request);
  const method = parsed?.[1]?.toUpperCase();
  const target = parsed?.[2];
  const query = target?.indexOf('?') ?? -1;
  const hostname = vhost?.replace(/:\d{1,5}$/, '');
  const url = {
    url_string: target ?? request,
    ...(target !== undefined && { path: query === -1 ? target : target.slice(0, query) }),
    ...(target !== undefined && query !== -1 && { query_string: target.slice(query + 1) }),
    ...(hostname !== undefined && { hostname }),
  };
  const event = newEvent(
    context,
    { class: 'httpActivity', activity: activities[method ?? ''] ?? 99, code: 'web.access' },
    {
      time,
      src_endpoint: endpointOf(client),
      http_request: {
        url,
        ...(method !== undefined && { http_method: method }),
        ...(parsed?.[3] !== undefined && { version: parsed[3] }),
        ...(agent !== undefined && agent !== '-' && { user_agent: agent }),
        ...(referrer !== undefined && referrer !== '-' && { referrer }),
      },
      http_response: {
        ...(status !== '-' && { code: Number(status) }),
        ...(bytes !== '-' && { length: Number(bytes) }),
      },
      ...(authUser !== '-' && { user: { name: authUser } }),
      logsource: {
        category: 'webserver',
        ...(context.header.program !== undefined && { product: context.header.program }),
      },
      unmapped: { url_decoded: decodeUrl(target ?? request), ...(parsed === null && { request }) },
    },
  );
  event.metadata.product.name = context.header.program ?? 'webserver';
  return event;
}
