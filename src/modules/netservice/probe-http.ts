import { httpResponseComplete } from './parse-http-response.ts';
import { parseHttpResponse } from './parse-http-response.ts';
import type { ClientProbe } from './service-facts.ts';

/** `GET /` with the target's name as Host: the Server header, and Elasticsearch's root document. */
export const probeHttp: ClientProbe = async (stream, { host, waitMs }) => {
  stream.write(
    `GET / HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: Vigil\r\nAccept: */*\r\nConnection: close\r\n\r\n`,
  );
  const reply = await stream.waitFor(httpResponseComplete, waitMs);
  const facts = parseHttpResponse(reply);
  return facts && { ...facts, method: 'probe' };
};
