import type { EventDraft, ProgramMessage } from './new-event.ts';

const forms: readonly (readonly [RegExp, boolean])[] = [
  [/^Successful su for (\S+) by (\S+)$/, true],
  [/^FAILED su for (\S+) by (\S+)$/, false],
  [/^\(to (\S+)\) (\S+) on (\S+)$/, true],
  [/^FAILED SU \(to (\S+)\) (\S+) on (\S+)$/, false],
];
// util-linux/shadow "+ pts/0 alice:root" (success) and "- pts/0 alice:root" (failure).
const sulog = /^([+-]) (\S+) (\S+):(\S+)$/;

/** su: who became whom, and whether it worked. */
export function parseSu({ message }: ProgramMessage): EventDraft | undefined {
  const text = message.trimEnd();
  for (const [pattern, success] of forms) {
    const m = pattern.exec(text);
    if (m) return su(success, m[1] ?? '', m[2] ?? '', m[3]);
  }
  const m = sulog.exec(text);
  if (m) return su(m[1] === '+', m[4] ?? '', m[3] ?? '', m[2]);
  return undefined;
}

function su(success: boolean, target: string, caller: string, tty: string | undefined): EventDraft {
  return {
    kind: {
      class: 'authentication',
      activity: 1,
      code: success ? 'su.success' : 'su.failed',
      status: success ? 'Success' : 'Failure',
    },
    fields: {
      user: { name: target },
      actor: { user: { name: caller } },
      ...(tty !== undefined && { unmapped: { tty } }),
    },
  };
}
