import type { DraftFields, EventDraft, ProgramMessage } from './new-event.ts';

type Build = (m: RegExpExecArray) => { kind: string; activity: number; fields: DraftFields };

// shadow-utils' messages; the program name becomes the code's parser part (useradd.new_user…).
// Account Change activities: 1 Create, 3 Password Change, 6 Delete, 9 Lock, 99 Other.
const forms: readonly (readonly [RegExp, Build])[] = [
  [
    /^new user: name=([^,]*), UID=(\d+), GID=(\d+), home=([^,]*), shell=([^,]*)/,
    (m) => ({
      kind: 'new_user',
      activity: 1,
      fields: {
        user: { name: m[1] ?? '', uid: m[2] ?? '' },
        unmapped: { gid: m[3] ?? '', home: m[4] ?? '', shell: m[5] ?? '' },
      },
    }),
  ],
  [
    /^(?:new group|group added to \S+): name=([^,]*), GID=(\d+)/,
    (m) => ({
      kind: 'new_group',
      activity: 1,
      fields: { unmapped: { group: m[1] ?? '', gid: m[2] ?? '' } },
    }),
  ],
  [
    /^add '(.*)' to (?:shadow )?group '(.*)'$/,
    (m) => ({
      kind: 'add_to_group',
      activity: 99,
      fields: { user: { name: m[1] ?? '', groups: [m[2] ?? ''] } },
    }),
  ],
  [
    /^user (\S+) added by (\S+) to group (\S+)$/,
    (m) => ({
      kind: 'add_to_group',
      activity: 99,
      fields: { user: { name: m[1] ?? '', groups: [m[3] ?? ''] }, actor: { user: { name: m[2] ?? '' } } },
    }),
  ],
  [
    /^members of group (\S+) set by (\S+) to (.*)$/,
    (m) => ({
      kind: 'set_group_members',
      activity: 99,
      fields: {
        actor: { user: { name: m[2] ?? '' } },
        unmapped: { group: m[1] ?? '', members: (m[3] ?? '').split(',') },
      },
    }),
  ],
  [
    /^change user '(.*)' UID from '(\d+)' to '(\d+)'$/,
    (m) => ({
      kind: 'uid_change',
      activity: 99,
      fields: { user: { name: m[1] ?? '', uid: m[3] ?? '' }, unmapped: { old_uid: m[2] ?? '' } },
    }),
  ],
  [
    /^(?:lock user '(.*)' password|account (\S+) locked)/,
    (m) => ({ kind: 'lock', activity: 9, fields: { user: { name: m[1] ?? m[2] ?? '' } } }),
  ],
  [
    /^(?:password for '(.*)' changed|password changed for (\S+)|change user '(.*)' password)/,
    (m) => ({
      kind: 'password_changed',
      activity: 3,
      fields: { user: { name: m[1] ?? m[2] ?? m[3] ?? '' } },
    }),
  ],
  [
    /^changed password expiry for (\S+)/,
    (m) => ({ kind: 'expiry_changed', activity: 99, fields: { user: { name: m[1] ?? '' } } }),
  ],
  [
    /^delete user '(.*)'$/,
    (m) => ({ kind: 'delete_user', activity: 6, fields: { user: { name: m[1] ?? '' } } }),
  ],
  [
    /^(?:removed group|group '(.*)' removed)/,
    (m) => ({ kind: 'delete_group', activity: 6, fields: { unmapped: { group: m[1] ?? '' } } }),
  ],
  [
    /^change user '(.*)' (\w+) from '(.*)' to '(.*)'$/,
    (m) => ({
      kind: 'change',
      activity: 99,
      fields: {
        user: { name: m[1] ?? '' },
        unmapped: { field: m[2] ?? '', old: m[3] ?? '', new: m[4] ?? '' },
      },
    }),
  ],
];

/** useradd, usermod, userdel, groupadd, groupdel, groupmod, passwd, chpasswd, chage, gpasswd. */
export function parseAccountTool(input: ProgramMessage): EventDraft | undefined {
  const program = (input.program ?? 'account').toLowerCase();
  const text = input.message.trimEnd();
  for (const [pattern, build] of forms) {
    const m = pattern.exec(text);
    if (!m) continue;
    const { kind, activity, fields } = build(m);
    return {
      kind: { class: 'accountChange', activity, code: `${program}.${kind}`, status: 'Success' },
      fields,
    };
  }
  return undefined;
}
