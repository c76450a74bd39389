import { detached } from './detached.ts';
import type { EventDraft, MessageParser, ProgramMessage } from './new-event.ts';
import { parsePam } from './parse-pam.ts';
import { maxCachedName } from './program-memo.ts';

interface Remembered {
  program: string;
  message: string;
  /** null: no parser understood the message. */
  draft: EventDraft | null;
}

/*
 * A direct-mapped table: a message's slot is its hash's low bits, and a newly repeated message
 * takes the slot. Bounded by construction, and colliding messages (chosen by an attacker or not)
 * only cost their parse.
 */
const slots = 4096;
const remembered: (Remembered | undefined)[] = new Array<Remembered | undefined>(slots).fill(undefined);
/** The sample hash last seen at each slot: a message is remembered when it comes a second time. */
const sighted = new Int32Array(slots);
// Longer messages are parsed every time (rare, and large to keep).
const maxRememberedLength = 512;

/**
 * The draft of a message, from PAM's parser (any program may log through a PAM module:
 * "pam_unix(sshd:auth): …", "(pam_unix) …") or else the program's. Most lines of a log repeat
 * an earlier program and message exactly (cron's and sudo's PAM session lines, sudo commands),
 * and a draft depends on nothing else, so drafts of repeated messages are remembered and a
 * repeat costs a lookup. Messages seen once (sshd's, with their client ports) are not kept.
 * Every event of a remembered message shares its draft's fields, so those drafts are frozen.
 */
export function messageDraft(
  input: ProgramMessage,
  parser: MessageParser | undefined,
): EventDraft | undefined {
  const { program, message } = input;
  const pam = mayBePam(message);
  if (!pam && parser === undefined) return undefined;
  if (program === undefined || program.length > maxCachedName || message.length > maxRememberedLength)
    return parse(input, pam, parser);
  const hash = messageHash(program, message);
  const slot = hash & (slots - 1);
  const known = remembered[slot];
  if (known !== undefined && known.message === message && known.program === program)
    return known.draft ?? undefined;
  if (sighted[slot] !== hash) {
    sighted[slot] = hash;
    return parse(input, pam, parser);
  }
  // Parsed from copies: a remembered substring would keep alive the whole chunk of file it was cut from.
  const own = { program: detached(program), message: detached(message) };
  const draft = parse(own, pam, parser);
  remembered[slot] = { program: own.program, message: own.message, draft: draft ? freezeDeep(draft) : null };
  return draft;
}

function parse(
  input: ProgramMessage,
  pam: boolean,
  parser: MessageParser | undefined,
): EventDraft | undefined {
  return (pam ? parsePam(input) : undefined) ?? parser?.(input);
}

function mayBePam(message: string): boolean {
  const first = message.charCodeAt(0);
  if (first === 112 /* p */) return message.startsWith('pam_');
  return first === 40 /* ( */ && message.startsWith('(pam_');
}

/**
 * FNV-1a over the message, seeded with the program's first letters. Every character counts: lines
 * of one program often differ only in a port or a pid, and a weaker hash would then let unique
 * messages in as repeats.
 */
function messageHash(program: string, message: string): number {
  let hash = 0x811c9dc5 ^ program.charCodeAt(0) ^ (program.charCodeAt(1) << 8);
  for (let i = 0; i < message.length; i++) hash = Math.imul(hash ^ message.charCodeAt(i), 0x01000193);
  return hash ^ (hash >>> 15);
}

function freezeDeep<T extends object>(value: T): T {
  for (const inner of Object.values(value))
    if (typeof inner === 'object' && inner !== null) freezeDeep(inner);
  return Object.freeze(value);
}
