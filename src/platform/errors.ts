import type { ErrorCode, Problem, ProblemIssue } from '../protocol/problem.ts';

const statusByCode: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  malformed_json: 400,
  weak_password: 400,
  config_invalid: 400,
  policy_invalid: 422,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  not_ready: 503,
};

const titleByCode: Record<ErrorCode, string> = {
  bad_request: 'Bad request',
  validation_failed: 'Request validation failed',
  malformed_json: 'Malformed JSON body',
  weak_password: 'Password does not meet the policy',
  config_invalid: 'Invalid configuration',
  policy_invalid: 'Invalid policy',
  unauthenticated: 'Authentication required',
  invalid_credentials: 'Invalid credentials',
  forbidden: 'Forbidden',
  csrf_failed: 'CSRF check failed',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  conflict: 'Conflict',
  payload_too_large: 'Payload too large',
  unsupported_media_type: 'Unsupported media type',
  rate_limited: 'Too many attempts',
  internal: 'Internal server error',
  not_ready: 'Not ready',
};

export interface AppErrorOptions {
  issues?: ProblemIssue[];
  /** Extra response headers, such as Retry-After. */
  headers?: Record<string, string>;
  cause?: unknown;
}

/** The one error type every layer throws; the server turns it into problem+json in one place. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: ProblemIssue[] | undefined;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, detail?: string, options: AppErrorOptions = {}) {
    super(detail ?? titleByCode[code], { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.issues = options.issues;
    this.headers = options.headers ?? {};
  }

  get status(): number {
    return statusByCode[this.code];
  }

  toProblem(instance?: string): Problem {
    return {
      type: `urn:vigil:problem:${this.code}`,
      title: titleByCode[this.code],
      status: this.status,
      detail: this.message,
      code: this.code,
      ...(instance === undefined ? {} : { instance }),
      ...(this.issues === undefined ? {} : { issues: this.issues }),
    };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** Turns zod issues into problem issues with dotted paths, the form users see in messages. */
export function issuesFromZod(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): ProblemIssue[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}
