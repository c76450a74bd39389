import { foldCase } from './fold-case.ts';

/*
 * An Aho-Corasick automaton over a fixed set of literals: one pass over a text finds every
 * literal occurring in it, in time linear in the text whatever the literals.
 */

/*
 * Texts between these lengths are copied into `bytes` and scanned from there (copying costs a
 * call, which pays off only on longer texts); others are read character by character.
 */
const minCopied = 128;
const maxCopied = 16_384;
const encoder = new TextEncoder();
/* UTF-8 takes up to three bytes per UTF-16 unit: room for the whole of any text up to maxCopied. */
const bytes = new Uint8Array(3 * maxCopied);

/*
 * Built automata by literal set: the rule lists of several logsources, and a list's raw_data and
 * keyword-message texts, look for the same literals, and building one takes milliseconds.
 * Bounded: past maxBuilt sets it starts over.
 */
const built = new Map<string, LiteralAutomaton | null>();
const maxBuilt = 64;

/** Past this many table cells (states × alphabet) the automaton is not built and callers test everything. */
const maxCells = 8_000_000;

interface Tables {
  /** Character class per UTF-16 code below 128; other codes are looked up in `wide`. */
  ascii: Uint16Array;
  wide: ReadonlyMap<number, number>;
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

export class LiteralAutomaton {
  private constructor(
    private readonly tables: Tables,
    /** ASCII letters are folded to lower case while scanning. */
    private readonly lowered: boolean,
  ) {}

  /**
   * The automaton finding `literals` (id = position); with `lowered`, in the lowercased text.
   * Null when it would be too large.
   */
  static of(literals: readonly string[], lowered: boolean): LiteralAutomaton | null {
    const key = JSON.stringify([lowered, literals]);
    let automaton = built.get(key);
    if (automaton === undefined) {
      const tables = build(literals, lowered);
      automaton = tables === null ? null : new LiteralAutomaton(tables, lowered);
      if (built.size >= maxBuilt) built.clear();
      built.set(key, automaton);
    }
    return automaton;
  }

  /**
   * Stamps `seen[id] = mark` for every literal occurring in `text`, and pushes each such id
   * once onto `found` when given. A lowered automaton takes the text as written: ASCII case is
   * folded while scanning, and a text with other characters is lowercased first (only
   * `toLowerCase` knows their case).
   */
  scan(text: string, seen: Float64Array, mark: number, found?: number[]): void {
    // Reading a copy in bytes is quicker than reading the string; more bytes than characters
    // means a character above 127.
    if (
      text.length >= minCopied &&
      text.length <= maxCopied &&
      encoder.encodeInto(text, bytes).written === text.length
    ) {
      this.runBytes(text.length, seen, mark, found);
      return;
    }
    if (!this.run(text, seen, mark, found, this.lowered)) this.run(foldCase(text), seen, mark, found, false);
  }

  /** `run` over the ASCII text copied into `bytes`. */
  private runBytes(length: number, seen: Float64Array, mark: number, found: number[] | undefined): void {
    const { ascii, jump } = this.tables;
    let row = 0;
    for (let i = 0; i < length; i++) {
      const step = jump[row + (ascii[bytes[i] as number] as number)] as number;
      row = step >>> 1;
      if ((step & 1) !== 0) this.stamp(row, seen, mark, found);
    }
  }

  /**
   * With `asciiOnly` it stops at the first code above 127 and returns false (the ids found so
   * far are found again by the rerun and listed once).
   */
  private run(
    text: string,
    seen: Float64Array,
    mark: number,
    found: number[] | undefined,
    asciiOnly: boolean,
  ): boolean {
    const { ascii, wide, jump } = this.tables;
    let row = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      let cls: number;
      if (code < 128) cls = ascii[code] as number;
      else if (asciiOnly) return false;
      else cls = wide.get(code) ?? 0;
      const step = jump[row + cls] as number;
      row = step >>> 1;
      if ((step & 1) !== 0) this.stamp(row, seen, mark, found);
    }
    return true;
  }

  /** Stamps the literals the state at `row` completes. */
  private stamp(row: number, seen: Float64Array, mark: number, found: number[] | undefined): void {
    const { classes, outputStart, outputs } = this.tables;
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
}

function build(literals: readonly string[], lowered: boolean): Tables | null {
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
  if (lowered) for (let code = 65; code <= 90; code++) ascii[code] = ascii[code + 32] as number;
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
  // Numbered in breadth-first order, so that the shallow states, where a scan spends most of
  // its time, have their rows together at the start of the table.
  const rank = new Uint32Array(states);
  queue.forEach((state, position) => (rank[state] = position + 1));
  const byRank = [0, ...queue];
  const outputStart = new Uint32Array(states + 1);
  byRank.forEach(
    (state, position) =>
      (outputStart[position + 1] = (outputStart[position] as number) + (outputsOf[state]?.length ?? 0)),
  );
  const outputs = Uint32Array.from(byRank.flatMap((state) => outputsOf[state] ?? []));
  const jump = new Uint32Array(next.length);
  byRank.forEach((state, position) => {
    for (let cls = 0; cls < classes; cls++) {
      const target = next[state * classes + cls] as number;
      jump[position * classes + cls] =
        (rank[target] as number) * classes * 2 + ((outputsOf[target]?.length ?? 0) > 0 ? 1 : 0);
    }
  });
  return { ascii, wide, classes, jump, outputStart, outputs };
}
