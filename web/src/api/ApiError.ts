import type { ErrorCode, Problem, ProblemIssue } from '../../../src/protocol/problem.ts';

interface ApiErrorDetails {
  code?: ErrorCode | undefined;
  issues?: ProblemIssue[] | undefined;
}

/** A failed API call, carrying the server's RFC 9457 problem details when it sent them. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | undefined;
  readonly issues: ProblemIssue[];

  constructor(status: number, message: string, details: ApiErrorDetails = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = details.code;
    this.issues = details.issues ?? [];
  }

  static async fromResponse(res: Response): Promise<ApiError> {
    const problem = await readProblem(res);
    const message =
      problem?.detail ?? problem?.title ?? (`${res.status} ${res.statusText}`.trim() || 'Request failed');
    return new ApiError(res.status, message, {
      code: problem?.code,
      issues: problem?.issues,
    });
  }

  static network(): ApiError {
    return new ApiError(0, 'Cannot reach the Vigil server. Check the connection and try again.');
  }
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, error instanceof Error ? error.message : String(error));
}

async function readProblem(res: Response): Promise<Partial<Problem> | undefined> {
  if (!(res.headers.get('Content-Type') ?? '').includes('json')) return undefined;
  try {
    return (await res.json()) as Partial<Problem>;
  } catch {
    return undefined;
  }
}
