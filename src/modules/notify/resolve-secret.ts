import { envValue } from '../../platform/env-value.ts';
import { AppError } from '../../platform/errors.ts';
import type { SecretRef } from '../../protocol/notify-config.ts';

/**
 * The secret's value, read once when the notifier starts so a missing variable
 * is a startup error rather than a silent failure at the first alert. `what`
 * names the setting in errors; the value itself never appears in one.
 */
export function resolveSecret(ref: SecretRef, what: string, env: NodeJS.ProcessEnv, minLength = 1): string {
  const value = typeof ref === 'string' ? ref : envValue(env, ref.env);
  const source = typeof ref === 'string' ? what : `${what} (from ${ref.env} or ${ref.env}_FILE)`;
  if (value === undefined || value.length === 0) {
    throw new AppError('config_invalid', `${source}: not set`);
  }
  if (value.length < minLength) {
    throw new AppError('config_invalid', `${source}: must be at least ${minLength} characters`);
  }
  // Values end up in HTTP and SMTP headers or logins, where a line break would start a new one.
  if (/[\0-\x1f\x7f]/.test(value)) {
    throw new AppError('config_invalid', `${source}: must not contain control characters or line breaks`);
  }
  return value;
}
