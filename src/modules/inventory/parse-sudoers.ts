import { clip } from './clip.ts';

export type SudoersEntry =
  | {
      type: 'rule';
      line: number;
      principals: string[];
      hosts: string;
      runAs: string;
      commands: string[];
      /** True for NOPASSWD, false for PASSWD, undefined when no tag decides. */
      nopasswd: boolean | undefined;
    }
  /** Only the `authenticate` flag is kept; targets null means a global `Defaults`. */
  | { type: 'defaults'; line: number; targets: string[] | null; authenticate: boolean }
  | { type: 'userAlias'; line: number; name: string; members: string[] }
  | { type: 'include'; line: number; path: string; directory: boolean }
  | { type: 'problem'; line: number; message: string };

const maxLogicalLine = 64 * 1024;

const tags = new Set([
  'NOPASSWD',
  'PASSWD',
  'NOEXEC',
  'EXEC',
  'SETENV',
  'NOSETENV',
  'LOG_INPUT',
  'NOLOG_INPUT',
  'LOG_OUTPUT',
  'NOLOG_OUTPUT',
  'MAIL',
  'NOMAIL',
  'FOLLOW',
  'NOFOLLOW',
  'INTERCEPT',
  'NOINTERCEPT',
]);
const commandOptions = new Set([
  'CWD',
  'CHROOT',
  'ROLE',
  'TYPE',
  'APPARMOR_PROFILE',
  'PRIVS',
  'LIMITPRIVS',
  'NOTBEFORE',
  'NOTAFTER',
  'TIMEOUT',
]);
const digests = new Set(['sha224', 'sha256', 'sha384', 'sha512']);
const otherAliases = new Set(['Runas_Alias', 'Host_Alias', 'Cmnd_Alias', 'Cmd_Alias']);

/**
 * Parses one sudoers file into rules, User_Alias definitions, the
 * `authenticate` Defaults and include directives, in file order (order
 * matters for Defaults). Nothing is expanded or executed here; the caller
 * follows includes and resolves aliases (see resolveSudoRules). Lines it
 * cannot read become `problem` entries without their content.
 */
export function parseSudoers(text: string): SudoersEntry[] {
  const entries: SudoersEntry[] = [];
  for (const { line, text: logical, tooLong } of logicalLines(text)) {
    if (tooLong) {
      entries.push({ type: 'problem', line, message: `line longer than ${maxLogicalLine} characters` });
      continue;
    }
    const trimmed = logical.trim();
    const include = /^[#@](includedir|include)[ \t]+(.+)$/.exec(trimmed);
    if (include !== null) {
      const path = unquotePath(include[2] ?? '');
      if (path !== '') entries.push({ type: 'include', line, path, directory: include[1] === 'includedir' });
      continue;
    }
    const statement = stripComment(trimmed).trim();
    if (statement === '') continue;
    const parsed = parseStatement(statement, line);
    if (parsed === null) entries.push({ type: 'problem', line, message: 'statement not understood' });
    else entries.push(...parsed);
  }
  return entries;
}

/** Joins backslash-continued lines, remembering where each statement starts. */
function logicalLines(text: string): { line: number; text: string; tooLong: boolean }[] {
  const result: { line: number; text: string; tooLong: boolean }[] = [];
  let buffer = '';
  let start = 0;
  let tooLong = false;
  const physical = text.split('\n');
  for (const [index, raw] of physical.entries()) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (buffer === '' && !tooLong) start = index + 1;
    const continued = line.endsWith('\\');
    const piece = continued ? `${line.slice(0, -1)} ` : line;
    if (buffer.length + piece.length > maxLogicalLine) tooLong = true;
    else buffer += piece;
    if (continued && index < physical.length - 1) continue;
    result.push({ line: start, text: buffer, tooLong });
    buffer = '';
    tooLong = false;
  }
  return result;
}

function unquotePath(raw: string): string {
  const path = raw.trim();
  if (path.length >= 2 && path.startsWith('"') && path.endsWith('"')) {
    return path.slice(1, -1).replaceAll('\\"', '"');
  }
  return path;
}

/**
 * `#` starts a comment unless escaped, quoted, inside a word (`%#27`) or
 * followed by a digit (`#1000` is a uid).
 */
function stripComment(text: string): string {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '\\') i++;
    else if (c === '"') quoted = !quoted;
    else if (c === '#' && !quoted && isWordStart(text, i) && !isDigit(text.charAt(i + 1))) {
      return text.slice(0, i);
    }
  }
  return text;
}

function isWordStart(text: string, index: number): boolean {
  return index === 0 || ' \t,=:()!'.includes(text.charAt(index - 1));
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

type Token = { kind: 'word'; text: string } | { kind: ',' | '=' | ':' | '(' | ')' };

/**
 * Splits on whitespace and the sudoers punctuation `, = : ( )`. A backslash
 * makes the next character part of the word, and double quotes group a word
 * with spaces, as sudoers requires for those characters in names and commands.
 */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let word: string | null = null;
  const endWord = (): void => {
    if (word !== null) tokens.push({ kind: 'word', text: clip(word, 4096) });
    word = null;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '\\' && i + 1 < text.length) {
      word = (word ?? '') + text.charAt(i + 1);
      i++;
    } else if (c === '"') {
      let close = i + 1;
      while (close < text.length && text.charAt(close) !== '"') close += text.charAt(close) === '\\' ? 2 : 1;
      word = (word ?? '') + text.slice(i + 1, Math.min(close, text.length));
      i = close;
    } else if (c === ' ' || c === '\t') {
      endWord();
    } else if (c === ',' || c === '=' || c === ':' || c === '(' || c === ')') {
      endWord();
      tokens.push({ kind: c });
    } else {
      word = (word ?? '') + c;
    }
  }
  endWord();
  return tokens;
}

class Cursor {
  private position = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  get done(): boolean {
    return this.position >= this.tokens.length;
  }

  /** The word `ahead` tokens away, or null when that token is punctuation or past the end. */
  word(ahead = 0): string | null {
    const token = this.tokens[this.position + ahead];
    return token?.kind === 'word' ? token.text : null;
  }

  is(kind: Token['kind'], ahead = 0): boolean {
    return this.tokens[this.position + ahead]?.kind === kind;
  }

  take(kind: Token['kind']): boolean {
    if (!this.is(kind)) return false;
    this.position++;
    return true;
  }

  skip(count: number): void {
    this.position += count;
  }

  /** `word (, word)*`, or null when it does not start with a word. */
  list(): string[] | null {
    const items: string[] = [];
    do {
      const item = this.word();
      if (item === null) return null;
      items.push(item);
      this.position++;
    } while (this.take(','));
    return items;
  }
}

function parseStatement(statement: string, line: number): SudoersEntry[] | null {
  if (/^Defaults([:@>! \t]|$)/.test(statement))
    return parseDefaults(statement.slice('Defaults'.length), line);
  const cursor = new Cursor(tokenize(statement));
  const first = cursor.word();
  if (first === 'User_Alias') {
    cursor.skip(1);
    return parseUserAliases(cursor, line);
  }
  if (first !== null && otherAliases.has(first)) return [];
  return parseUserSpec(cursor, line);
}

/**
 * Only `authenticate` is read from Defaults: `!authenticate` lets every rule
 * it covers run without a password. Host, runas and command-bound Defaults
 * (`@`, `>`, `!`) are not attributed to users and are skipped.
 */
function parseDefaults(afterKeyword: string, line: number): SudoersEntry[] | null {
  const binding = afterKeyword.charAt(0);
  const cursor = new Cursor(tokenize(binding === ':' ? afterKeyword.slice(1) : afterKeyword));
  let targets: string[] | null = null;
  if (binding === ':' || binding === '@' || binding === '>' || binding === '!') {
    if (binding !== ':') return [];
    targets = cursor.list();
    if (targets === null) return null;
  }
  let authenticate: boolean | null = null;
  while (!cursor.done) {
    const word = cursor.word();
    if ((word === 'authenticate' || word === '!authenticate') && !cursor.is('=', 1)) {
      authenticate = word === 'authenticate';
    }
    cursor.skip(1);
  }
  return authenticate === null ? [] : [{ type: 'defaults', line, targets, authenticate }];
}

/** `User_Alias NAME = member, member : NAME2 = member`. */
function parseUserAliases(cursor: Cursor, line: number): SudoersEntry[] | null {
  const entries: SudoersEntry[] = [];
  do {
    const name = cursor.word();
    if (name === null) return null;
    cursor.skip(1);
    if (!cursor.take('=')) return null;
    const members = cursor.list();
    if (members === null) return null;
    entries.push({ type: 'userAlias', line, name, members });
  } while (cursor.take(':'));
  return cursor.done ? entries : null;
}

/**
 * `users hosts = [(runas)] [OPTION=value] [TAG:]... command, ... [: hosts = ...]`.
 * Run-as and tags carry over to the following commands until changed, so the
 * commands are grouped by the run-as and password tag in force for them.
 */
function parseUserSpec(cursor: Cursor, line: number): SudoersEntry[] | null {
  const principals = cursor.list();
  if (principals === null) return null;
  const entries: SudoersEntry[] = [];
  do {
    const hosts = cursor.list();
    if (hosts === null || !cursor.take('=')) return null;
    const groups = new Map<string, { runAs: string; nopasswd: boolean | undefined; commands: string[] }>();
    let runAs = 'root';
    let nopasswd: boolean | undefined;
    do {
      if (cursor.is('(')) {
        const spec = readRunAs(cursor);
        if (spec === null) return null;
        runAs = spec;
      }
      for (;;) {
        const word = cursor.word();
        if (word !== null && commandOptions.has(word) && cursor.is('=', 1) && cursor.word(2) !== null) {
          cursor.skip(3);
        } else if (word !== null && tags.has(word) && cursor.is(':', 1)) {
          if (word === 'NOPASSWD') nopasswd = true;
          if (word === 'PASSWD') nopasswd = false;
          cursor.skip(2);
        } else {
          break;
        }
      }
      const digest = cursor.word();
      if (digest !== null && digests.has(digest) && cursor.is(':', 1) && cursor.word(2) !== null) {
        cursor.skip(3);
        // Base64 digests end in `=` padding, which the tokenizer splits off.
        while (cursor.is('=')) cursor.skip(1);
      }
      const words: string[] = [];
      for (let word = cursor.word(); word !== null; word = cursor.word()) {
        words.push(word);
        cursor.skip(1);
      }
      if (words.length === 0) return null;
      const key = `${runAs}\u0000${String(nopasswd)}`;
      const group = groups.get(key) ?? { runAs, nopasswd, commands: [] };
      group.commands.push(clip(words.join(' '), 4096));
      groups.set(key, group);
    } while (cursor.take(','));
    for (const group of groups.values()) {
      entries.push({ type: 'rule', line, principals, hosts: hosts.join(','), ...group });
    }
  } while (cursor.take(':'));
  return cursor.done ? entries : null;
}

/** `(ALL)`, `(ALL : ALL)`, `(root, operator : wheel)`, `(:wheel)` as `ALL`, `ALL:ALL`, ... */
function readRunAs(cursor: Cursor): string | null {
  cursor.skip(1);
  let spec = '';
  while (!cursor.is(')')) {
    if (cursor.done) return null;
    const word = cursor.word();
    if (word !== null) spec += word;
    else if (cursor.is(',')) spec += ',';
    else if (cursor.is(':')) spec += ':';
    else return null;
    cursor.skip(1);
  }
  cursor.skip(1);
  return spec;
}
