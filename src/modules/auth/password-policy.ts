import { dictionary } from '@zxcvbn-ts/language-common';
import { passwordMaxLength, passwordMinLength } from '../../protocol/auth.ts';

const common = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));

/** Words that make a password guessable for this product in particular. */
const contextWords = ['vigil', 'password', 'admin', 'qwerty', 'letmein', 'welcome'];

/**
 * NIST SP 800-63B-4 for single-factor passwords: length 15–256, a blocklist of
 * common and context-specific values, and no composition rules. Returns the
 * reasons the password is refused; empty means accepted.
 */
export function passwordProblems(password: string, context: { username?: string } = {}): string[] {
  const problems: string[] = [];
  const length = Array.from(password).length;
  if (length < passwordMinLength)
    problems.push(`must be at least ${passwordMinLength} characters (has ${length})`);
  if (length > passwordMaxLength)
    problems.push(`must be at most ${passwordMaxLength} characters (has ${length})`);
  const lower = password.normalize('NFKC').toLowerCase();
  const stem = lower.replace(/[\d\W_]+$/u, '');
  if (common.has(lower) || (stem.length >= 4 && common.has(stem)))
    problems.push('is a commonly used password');
  if (/^(.)\1+$/su.test(lower)) problems.push('repeats a single character');
  if (isSequence(lower)) problems.push('is a simple sequence');
  const username = context.username?.toLowerCase();
  if (username && username.length >= 3 && lower.includes(username)) problems.push('contains the username');
  const stripped = lower.replace(/[\d\W_]+/gu, '');
  if (contextWords.some((word) => isRepeatOf(stripped, word))) {
    problems.push('is built from a word attackers try first');
  }
  return problems;
}

function isSequence(text: string): boolean {
  if (text.length < 4) return false;
  const step = (text.codePointAt(1) ?? 0) - (text.codePointAt(0) ?? 0);
  if (Math.abs(step) !== 1) return false;
  for (let i = 1; i < text.length; i += 1) {
    if ((text.codePointAt(i) ?? 0) - (text.codePointAt(i - 1) ?? 0) !== step) return false;
  }
  return true;
}

function isRepeatOf(text: string, word: string): boolean {
  return (
    text.length > 0 && text.length % word.length === 0 && text === word.repeat(text.length / word.length)
  );
}
