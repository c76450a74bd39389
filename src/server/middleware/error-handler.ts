import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError, isAppError } from '../../platform/errors.ts';
import type { AppEnv } from '../../platform/http/app-env.ts';
import type { Logger } from '../../platform/logger.ts';

const problemType = 'application/problem+json';

function fromHttpException(error: HTTPException): AppError {
  if (error.status === 400 && /json/i.test(error.message))
    return new AppError('malformed_json', 'the body is not valid JSON');
  if (error.status === 413) return new AppError('payload_too_large');
  if (error.status === 401) return new AppError('unauthenticated');
  if (error.status === 404) return new AppError('not_found');
  return new AppError('bad_request', error.message || undefined);
}

export function problemResponse(c: Context<AppEnv>, error: AppError): Response {
  const body = JSON.stringify(error.toProblem(c.req.path));
  return c.body(body, error.status as 400, { ...error.headers, 'content-type': problemType });
}

/** The one error path: every failure leaves as RFC 9457 problem+json. */
export function errorHandler(logger: Logger): ErrorHandler<AppEnv> {
  return (err, c) => {
    let error: AppError;
    if (isAppError(err)) error = err;
    else if (err instanceof HTTPException) error = fromHttpException(err);
    else {
      logger.error({ err, requestId: c.get('requestId'), path: c.req.path }, 'unhandled error');
      error = new AppError('internal', `unexpected error; reference ${c.get('requestId')}`);
    }
    if (error.status >= 500 && isAppError(err))
      logger.error({ err, requestId: c.get('requestId') }, error.message);
    return problemResponse(c, error);
  };
}
