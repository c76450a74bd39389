import { z } from 'zod';

/** Stable error codes. Clients may switch on them; never rename one. */
export const errorCodes = [
  'bad_request',
  'validation_failed',
  'malformed_json',
  'payload_too_large',
  'unsupported_media_type',
  'unauthenticated',
  'invalid_credentials',
  'forbidden',
  'csrf_failed',
  'not_found',
  'method_not_allowed',
  'conflict',
  'weak_password',
  'rate_limited',
  'config_invalid',
  'policy_invalid',
  'not_ready',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const ProblemIssue = z.object({ path: z.string(), message: z.string() });
export type ProblemIssue = z.infer<typeof ProblemIssue>;

/** RFC 9457 problem details, with Vigil's stable `code`. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.enum(errorCodes),
    issues: z.array(ProblemIssue).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;
