import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { AppError } from '../../platform/errors.ts';
import type { AppEnv } from '../../platform/http/app-env.ts';

/** Refuses oversized bodies while they stream in, before anything parses them. */
export function limitBody(maxBytes: number) {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      // The rest of the body is never read, so the connection cannot carry another request.
      throw new AppError('payload_too_large', `request body exceeds ${maxBytes} bytes`, {
        headers: { connection: 'close' },
      });
    },
  });
}

/** The API speaks JSON only; anything else is refused before it reaches a validator. */
export const requireJsonBody = createMiddleware<AppEnv>(async (c, next) => {
  const hasBody = c.req.header('content-length') !== undefined && c.req.header('content-length') !== '0';
  const chunked = c.req.header('transfer-encoding') !== undefined;
  if (hasBody || chunked) {
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type)) {
      throw new AppError('unsupported_media_type', 'send the body as application/json');
    }
  }
  return next();
});
