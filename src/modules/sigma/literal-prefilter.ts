import type { EventField } from './event-field.ts';

/*
 * Most rule values are wildcard patterns with a literal part that must occur in the text for
 * the pattern to match. All such literals of one text source (one field, lowercased or not)
 * go into one Aho-Corasick automaton, which finds every one of them in a single pass over the
 * text; a test whose literal is absent is then skipped without running. With hundreds of
 * keyword rules on every syslog line, this replaces hundreds of substring searches per event by
 * one scan.
 */

/** Past this many table cells (states × alphabet) the automaton is not built and every test runs. */
const maxCells = 8_000_000;

interface Automaton {
  /** Character class per UTF-16 code below 128; other codes are looked up in `wide`. */
  ascii: Uint16Array;
  wide: Map<number, number>;
  classes: number;
  /**
   * Per (state × classes + class): the next state × classes, times two, plus one when that
   * state completes a literal.
   */
  jump: Uint32Array;
  /** Literal ids each state completes: outputs[outputStart[s] .. outputStart[s + 1]). */
  outputStart: Uint32Array;
  outputs: Uint32Array;
}

/** The literals of one field's text, lowercased or as written. */
export class LiteralSource {
  private readonly ids = new Map<string, number>();
  private automaton: Automaton | null | undefined;

  constructor(
    /** Position among all sources, for per-event state in MatchContext. */
    readonly index: number,
    readonly field: EventField,
    readonly lowered: boolean,
  ) {}

  /** The id of a literal that must occur for some test to match; same literal, same id. */
  register(literal: string): number {
    let id = this.ids.get(literal);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(literal, id);
      this.automaton = undefined;
    }
    return id;
  }

  get size(): number {
    return this.ids.size;
  }

  /**
   * Stamps `seen[id] = mark` for every registered literal occurring in `text`, and pushes each
   * such id once onto `found` when given. A lowercased source takes the text as written: ASCII
   * case is folded while scanning, and a text with other characters is lowercased first (only
   * `toLowerCase` knows their case). Returns false when there is no automaton (too large),
   * meaning every literal must be taken as present.
   */
  scan(text: string, seen: Float64Array, mark: number, found?: number[]): boolean {
    if (this.automaton === undefined) this.automaton = build([...this.ids.keys()], this.lowered);
    const automaton = this.automaton;
    if (automaton === null) return false;
    if (!run(automaton, text, seen, mark, found, this.lowered))
      run(automaton, text.toLowerCase(), seen, mark, found, false);
    return true;
  }
}

/**
 * Runs the automaton over the text. With `asciiOnly` it stops at the first code above 127 and
 * returns false (the ids found so far are found again by the rerun and listed once).
 */
function run(
  automaton: Automaton,
  text: string,
  seen: Float64Array,
  mark: number,
  found: number[] | undefined,
  asciiOnly: boolean,
): boolean {
  const { ascii, wide, classes, jump, outputStart, outputs } = automaton;
  let row = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let cls: number;
    if (code < 128) cls = ascii[code] as number;
    else if (asciiOnly) return false;
    else cls = wide.get(code) ?? 0;
    const step = jump[row + cls] as number;
    row = step >>> 1;
    if ((step & 1) === 0) continue;
    const state = row / classes;
    const end = outputStart[state + 1] as number;
    for (let k = outputStart[state] as number; k < end; k++) {
      const id = outputs[k] as number;
      if (seen[id] !== mark) {
        seen[id] = mark;
        found?.push(id);
      }
    }
  }
  return true;
}

function build(literals: readonly string[], foldAscii: boolean): Automaton | null {
  const ascii = new Uint16Array(128);
  const wide = new Map<number, number>();
  let classes = 1;
  const classOf = (code: number): number => {
    if (code < 128) {
      if (ascii[code] === 0) ascii[code] = classes++;
      return ascii[code] as number;
    }
    let cls = wide.get(code);
    if (cls === undefined) {
      cls = classes++;
      wide.set(code, cls);
    }
    return cls;
  };
  // The trie: children per state, and the literals ending at each state.
  const children: Map<number, number>[] = [new Map<number, number>()];
  const ending: number[][] = [[]];
  literals.forEach((literal, id) => {
    let state = 0;
    for (let i = 0; i < literal.length; i++) {
      const cls = classOf(literal.charCodeAt(i));
      let child = children[state]?.get(cls);
      if (child === undefined) {
        child = children.length;
        children.push(new Map());
        ending.push([]);
        children[state]?.set(cls, child);
      }
      state = child;
    }
    ending[state]?.push(id);
  });
  const states = children.length;
  if (states * classes > maxCells) return null;
  if (foldAscii) for (let code = 65; code <= 90; code++) ascii[code] = ascii[code + 32] as number;
  // Breadth first, each state's transitions fall back to those of its longest proper suffix.
  const next = new Uint32Array(states * classes);
  const fail = new Uint32Array(states);
  const outputsOf: number[][] = ending.map((ids) => [...ids]);
  const queue: number[] = [];
  for (const [cls, child] of children[0] ?? []) {
    next[cls] = child;
    queue.push(child);
  }
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head] as number;
    const suffix = fail[state] as number;
    for (let cls = 0; cls < classes; cls++)
      next[state * classes + cls] = next[suffix * classes + cls] as number;
    outputsOf[state]?.push(...(outputsOf[suffix] ?? []));
    for (const [cls, child] of children[state] ?? []) {
      next[state * classes + cls] = child;
      fail[child] = next[suffix * classes + cls] as number;
      queue.push(child);
    }
  }
  const outputStart = new Uint32Array(states + 1);
  outputsOf.forEach((ids, state) => (outputStart[state + 1] = (outputStart[state] as number) + ids.length));
  const jump = new Uint32Array(next.length);
  for (let i = 0; i < next.length; i++) {
    const target = next[i] as number;
    jump[i] = target * classes * 2 + ((outputsOf[target]?.length ?? 0) > 0 ? 1 : 0);
  }
  return { ascii, wide, classes, jump, outputStart, outputs: Uint32Array.from(outputsOf.flat()) };
}

/* Interned like fields (event-field.ts): one source per field and case, shared by every rule. */
const sources = new Map<string, LiteralSource>();

export function literalSource(field: EventField, lowered: boolean): LiteralSource {
  const key = `${field.slot}:${lowered}`;
  let source = sources.get(key);
  if (source === undefined) {
    source = new LiteralSource(sources.size, field, lowered);
    sources.set(key, source);
  }
  return source;
}
