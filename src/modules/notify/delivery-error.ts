export class DeliveryError extends Error {
  /** Network trouble, timeouts and "try later" answers are worth retrying; a refusal is not. */
  readonly retryable: boolean;
  /** The receiver's Retry-After, when it gave one. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, retryable: boolean, options: { cause?: unknown; retryAfterMs?: number } = {}) {
    super(message, { cause: options.cause });
    this.name = 'DeliveryError';
    this.retryable = retryable;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** A short reason for logs: the message and the system error code, never a URL or a credential. */
export function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: NodeJS.ErrnoException | undefined = error.cause instanceof Error ? error.cause : undefined;
  const code = cause?.code ?? (error as NodeJS.ErrnoException).code;
  return code === undefined ? error.message : `${error.message} (${code})`;
}
