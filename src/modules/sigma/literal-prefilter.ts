import type { EventField } from './event-field.ts';
import { LiteralAutomaton } from './literal-automaton.ts';

/*
 * Most rule values are wildcard patterns with a literal part that must occur in the text for
 * the pattern to match. All such literals of one text source (one field, lowercased or not)
 * go into one Aho-Corasick automaton, which finds every one of them in a single pass over the
 * text; a test whose literal is absent is then skipped without running. With hundreds of
 * keyword rules on every syslog line, this replaces hundreds of substring searches per event by
 * one scan.
 */

/** The literals of one field's text, lowercased or as written. */
export class LiteralSource {
  private readonly ids = new Map<string, number>();
  private readonly literals: string[] = [];
  private automaton: LiteralAutomaton | null | undefined;

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
      this.literals.push(literal);
      this.automaton = undefined;
    }
    return id;
  }

  literalOf(id: number): string {
    return this.literals[id] as string;
  }

  get size(): number {
    return this.ids.size;
  }

  /**
   * Stamps `seen[id] = mark` for every registered literal occurring in `text` (lowercased for
   * a lowercased source), and pushes each such id once onto `found` when given (see
   * LiteralAutomaton.scan). Returns false when there is no automaton (too large), meaning every
   * literal must be taken as present.
   */
  scan(text: string, seen: Float64Array, mark: number, found?: number[]): boolean {
    if (this.automaton === undefined) this.automaton = LiteralAutomaton.of(this.literals, this.lowered);
    if (this.automaton === null) return false;
    this.automaton.scan(text, seen, mark, found);
    return true;
  }
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
