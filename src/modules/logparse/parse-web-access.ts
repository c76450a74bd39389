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
  // Built by assignment rather than spreads (one line in two of a busy host's logs is this).
  type Request = NonNullable<SecurityEvent['http_request']>;
  const url: NonNullable<Request['url']> = { url_string: target ?? request };
  if (target !== undefined) {
    url.path = query === -1 ? target : target.slice(0, query);
    if (query !== -1) url.query_string = target.slice(query + 1);
  }
  if (hostname !== undefined) url.hostname = hostname;
  const httpRequest: Request = { url };
  if (method !== undefined) httpRequest.http_method = method;
  if (parsed?.[3] !== undefined) httpRequest.version = parsed[3];
  if (agent !== undefined && agent !== '-') httpRequest.user_agent = agent;
  if (referrer !== undefined && referrer !== '-') httpRequest.referrer = referrer;
  const httpResponse: NonNullable<SecurityEvent['http_response']> = {};
  if (status !== '-') httpResponse.code = Number(status);
  if (bytes !== '-') httpResponse.length = Number(bytes);
  const fields: Partial<SecurityEvent> = {
    time,
    src_endpoint: endpointOf(client),
    http_request: httpRequest,
    http_response: httpResponse,
  };
  if (authUser !== '-') fields.user = { name: authUser };
  const logsource: SecurityEvent['logsource'] = { category: 'webserver' };
  if (context.header.program !== undefined) logsource.product = context.header.program;
  fields.logsource = logsource;
  const unmapped: NonNullable<SecurityEvent['unmapped']> = { url_decoded: decodeUrl(target ?? request) };
  if (parsed === null) unmapped.request = request;
  fields.unmapped = unmapped;
  const event = newEvent(
    context,
    { class: 'httpActivity', activity: activities[method ?? ''] ?? 99, code: 'web.access' },
    fields,
  );
  event.metadata.product = { name: context.header.program ?? 'webserver' };
  return event;
}
