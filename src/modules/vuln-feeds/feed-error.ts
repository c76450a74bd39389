import { AppError, issuesFromZod } from '../../platform/errors.ts';
import type { ErrorCode } from '../../protocol/problem.ts';

export const feedErrorCodes = [
  'feed.unreadable',
  'feed.invalid',
  'feed.checksum_mismatch',
  'feed.unknown_kind',
] as const;
export type FeedErrorCode = (typeof feedErrorCodes)[number];

// The API's stable codes are a closed list (protocol/problem.ts); a feed failure is the caller's input.
const problemCode: Record<FeedErrorCode, ErrorCode> = {
  'feed.unreadable': 'bad_request',
  'feed.invalid': 'validation_failed',
  'feed.checksum_mismatch': 'bad_request',
  'feed.unknown_kind': 'unsupported_media_type',
};

/**
 * Why a feed was refused. `feedCode` is the stable reason callers switch on (`code` stays the
 * API's problem code); the message names the file, with the record or line, and the reason.
 */
export class FeedError extends AppError {
  readonly feedCode: FeedErrorCode;
  /** The file, or `file#entry`, `file:line`, `file#package/CVE`. */
  readonly origin: string;
  readonly reason: string;

  constructor(feedCode: FeedErrorCode, origin: string, reason: string, options: { cause?: unknown } = {}) {
    super(problemCode[feedCode], `${origin}: ${reason}`, options);
    this.name = 'FeedError';
    this.feedCode = feedCode;
    this.origin = origin;
    this.reason = reason;
  }
}

export function isFeedError(error: unknown, feedCode?: FeedErrorCode): error is FeedError {
  return error instanceof FeedError && (feedCode === undefined || error.feedCode === feedCode);
}

/** A record's schema failure in one line: the first issue, and how many more there are. */
export function invalidReason(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const all = issuesFromZod(issues);
  const [first] = all;
  if (first === undefined) return 'invalid';
  return `${first.path}: ${first.message}${all.length > 1 ? ` (and ${all.length - 1} more)` : ''}`;
}
