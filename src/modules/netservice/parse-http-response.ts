import { bannerLine, cleanText, productVersion } from './banner-line.ts';
import type { ServiceFacts } from './service-facts.ts';

const maxHead = 16 * 1024;
const maxBody = 32 * 1024;

export interface HttpResponse {
  status: number;
  /** Lower-case names; the first value of each header wins. */
  headers: Map<string, string>;
  body: Buffer;
}

/** Status line and headers of an HTTP/1.x response, and as much body as arrived (chunked: the first chunk). */
function readHttpResponse(bytes: Buffer): HttpResponse | undefined {
  if (!bytes.subarray(0, 9).toString('latin1').startsWith('HTTP/1.')) return undefined;
  const headEnd = bytes.subarray(0, maxHead).indexOf('\r\n\r\n');
  const head = bytes.subarray(0, headEnd < 0 ? maxHead : headEnd).toString('latin1');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const match = /^HTTP\/1\.[01] (\d{3})(?: |$)/.exec(statusLine);
  if (!match?.[1]) return undefined;
  const headers = new Map<string, string>();
  for (const line of lines.slice(0, 100)) {
    const colon = line.indexOf(':');
    if (colon < 1) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  let body = headEnd < 0 ? Buffer.alloc(0) : bytes.subarray(headEnd + 4, headEnd + 4 + maxBody);
  if (/chunked/i.test(headers.get('transfer-encoding') ?? '')) {
    const sizeEnd = body.indexOf('\r\n');
    const size =
      sizeEnd > 0 && sizeEnd < 10 ? parseInt(body.subarray(0, sizeEnd).toString('latin1'), 16) : NaN;
    body = Number.isNaN(size) ? Buffer.alloc(0) : body.subarray(sizeEnd + 2, sizeEnd + 2 + size);
  }
  return { status: Number(match[1]), headers, body };
}

/** Enough of a response to identify the server: the head and its announced body (or 32 KiB of it). */
export function httpResponseComplete(bytes: Buffer): boolean {
  const headEnd = bytes.indexOf('\r\n\r\n');
  if (headEnd < 0) return bytes.length >= maxHead;
  const length = /\r\ncontent-length: *(\d{1,9})\r\n/i.exec(
    bytes.subarray(0, headEnd + 2).toString('latin1'),
  )?.[1];
  const body = bytes.length - headEnd - 4;
  if (length !== undefined) return body >= Math.min(Number(length), maxBody);
  return body >= maxBody || bytes.subarray(-5).toString('latin1') === '0\r\n\r\n';
}

/** An Elasticsearch (or OpenSearch) root document: `{"cluster_name": …, "version": {"number": …}}`. */
function elasticsearch(response: HttpResponse): ServiceFacts | undefined {
  const product = response.headers.get('x-elastic-product');
  let document: unknown;
  try {
    document = JSON.parse(response.body.toString('utf8'));
  } catch {
    document = undefined;
  }
  const root = typeof document === 'object' && document !== null ? (document as Record<string, unknown>) : {};
  const version =
    typeof root.version === 'object' && root.version !== null
      ? (root.version as Record<string, unknown>)
      : {};
  const isRoot = typeof root.cluster_name === 'string' && typeof version.number === 'string';
  const challenged =
    response.status === 401 && /realm="security"/i.test(response.headers.get('www-authenticate') ?? '');
  if (!isRoot && product === undefined && !challenged) return undefined;
  const opensearch = version.distribution === 'opensearch';
  return {
    service: 'elasticsearch',
    product: opensearch ? 'OpenSearch' : 'Elasticsearch',
    ...(typeof version.number === 'string' ? { version: cleanText(version.number) } : {}),
    auth: response.status === 401 || response.status === 403 ? 'required' : isRoot ? 'none' : 'unknown',
    details: {
      status: String(response.status),
      ...(typeof root.cluster_name === 'string' ? { clusterName: cleanText(root.cluster_name) } : {}),
    },
  };
}

/** An HTTP response as service facts: the Server header as product and version, Elasticsearch recognised. */
export function parseHttpResponse(bytes: Buffer): ServiceFacts | undefined {
  const response = readHttpResponse(bytes);
  if (!response) return undefined;
  const server = response.headers.get('server');
  const banner = bannerLine(bytes);
  const es = elasticsearch(response);
  if (es)
    return { ...es, banner, ...(server ? { details: { ...es.details, server: cleanText(server) } } : {}) };
  // openssl s_server -www sends no Server header but echoes its command line first.
  const sServer = !server && response.body.subarray(0, 200).includes('\ns_server ');
  return {
    service: 'http',
    banner,
    ...(server ? productVersion(server) : sServer ? { product: 'OpenSSL s_server' } : {}),
    ...(response.status === 401 || response.status === 407 ? { auth: 'required' as const } : {}),
    details: { status: String(response.status), ...(server ? { server: cleanText(server) } : {}) },
  };
}
