import type { SecurityEvent } from '../../protocol/security-event.ts';
import { newEvent, type LineContext } from './new-event.ts';

const forms: readonly (readonly [RegExp, boolean])[] = [
  [/^Successful su for (\S+) by (\S+)$/, true],
  [/^FAILED su for (\S+) by (\S+)$/, false],
  [/^\(to (\S+)\) (\S+) on (\S+)$/, true],
  [/^FAILED SU \(to (\S+)\) (\S+) on (\S+)$/, false],
];
// util-linux/shadow "+ pts/0 alice:root" (success) and "- pts/0 alice:root" (failure).
const sulog = /^([+-]) (\S+) (\S+):(\S+)$/;

/** su: who became whom, and whether it worked. */
export function parseSu(context: LineContext): SecurityEvent | undefined {
  const text = context.header.message.trimEnd();
  for (const [pattern, success] of forms) {
    const m = pattern.exec(text);
    if (m) return su(context, success, m[1] ?? '', m[2] ?? '', m[3]);
  }
  const m = sulog.exec(text);
  if (m) return su(context, m[1] === '+', m[4] ?? '', m[3] ?? '', m[2]);
  return undefined;
}

function su(
  context: LineContext,
  success: boolean,
  target: string,
  caller: string,
  tty: string | undefined,
): SecurityEvent {
  return newEvent(
    context,
    {
      class: 'authentication',
      activity: 1,
      code: success ? 'su.success' : 'su.failed',
      status: success ? 'Success' : 'Failure',
    },
    {
      user: { name: target },
      actor: { user: { name: caller } },
      ...(tty !== undefined && { unmapped: { tty } }),
    },
  );
}
