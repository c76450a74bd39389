import { LiteralAutomaton } from './literal-automaton.ts';
import type { LiteralSource } from './literal-prefilter.ts';
import type { MatchContext } from './match-context.ts';
import { checkedClauses, type GateLiteral } from './rule-gate.ts';
import type { DetectionRule } from './sigma-rule.ts';

/**
 * The rules an event of one logsource meets, with their gates (rule-gate.ts) compiled into one
 * automaton per searched text: per event each text is scanned once for the literals of these
 * rules only, and a rule runs only when every clause of its gate holds (or it has none). On
 * benign lines most rules are never called.
 */
export class GatedRules {
  /** Clauses per rule; 0 for a rule without a gate: it always runs. */
  private readonly clauses: Uint32Array;
  private readonly state: ClauseState;
  private readonly texts: GateText[] = [];

  constructor(readonly rules: readonly DetectionRule[]) {
    const gates = rules.map(({ gate }) => (gate === undefined ? [] : checkedClauses(gate)));
    this.clauses = Uint32Array.from(gates, (gate) => gate.length);
    const ruleOf: number[] = [];
    const byText = new Map<string, GateText>();
    gates.forEach((gate, rule) => {
      for (const clause of gate) {
        const id = ruleOf.length;
        ruleOf.push(rule);
        for (const literal of clause) {
          const key = `${literal.source.index}:${literal.keywordMessage}`;
          let text = byText.get(key);
          if (text === undefined) {
            text = new GateText(literal.source, literal.keywordMessage);
            byText.set(key, text);
            this.texts.push(text);
          }
          text.add(literal, id);
        }
      }
    });
    this.state = new ClauseState(Uint32Array.from(ruleOf), rules.length);
  }

  /** Works out which gates the context's event opens; then ask `mayMatch`. */
  open(ctx: MatchContext): void {
    this.state.begin(ctx.generation);
    for (const text of this.texts) text.open(ctx, this.state);
  }

  mayMatch(rule: number): boolean {
    const clauses = this.clauses[rule] as number;
    return clauses === 0 || this.state.held(rule) === clauses;
  }
}

/** Which clauses hold for the current event, and how many per rule. */
class ClauseState {
  private mark = -1;
  private readonly clauseAt: Float64Array;
  private readonly countAt: Float64Array;
  private readonly counts: Uint32Array;

  constructor(
    /** The rule of each clause. */
    private readonly ruleOf: Uint32Array,
    rules: number,
  ) {
    this.clauseAt = new Float64Array(ruleOf.length).fill(-1);
    this.countAt = new Float64Array(rules).fill(-1);
    this.counts = new Uint32Array(rules);
  }

  begin(mark: number): void {
    this.mark = mark;
  }

  hold(clause: number): void {
    if (this.clauseAt[clause] === this.mark) return;
    this.clauseAt[clause] = this.mark;
    const rule = this.ruleOf[clause] as number;
    if (this.countAt[rule] !== this.mark) {
      this.countAt[rule] = this.mark;
      this.counts[rule] = 0;
    }
    this.counts[rule] = (this.counts[rule] as number) + 1;
  }

  /** The rule's clauses that hold. */
  held(rule: number): number {
    return this.countAt[rule] === this.mark ? (this.counts[rule] as number) : 0;
  }
}

/** The gate literals looked for in one text (a source's field, or the keyword message). */
class GateText {
  /** Source literal id → id here. */
  private readonly ids = new Map<number, number>();
  private readonly literals: string[] = [];
  /** Per id here, the clauses it makes hold. */
  private readonly clausesOf: number[][] = [];
  private readonly allClauses: number[] = [];
  private automaton: LiteralAutomaton | null | undefined;
  private seen = new Float64Array(0);
  private readonly found: number[] = [];

  constructor(
    private readonly source: LiteralSource,
    private readonly keywordMessage: boolean,
  ) {}

  add(literal: GateLiteral, clause: number): void {
    let id = this.ids.get(literal.id);
    if (id === undefined) {
      id = this.literals.length;
      this.ids.set(literal.id, id);
      this.literals.push(this.source.literalOf(literal.id));
      this.clausesOf.push([]);
    }
    const clauses = this.clausesOf[id] as number[];
    if (!clauses.includes(clause)) clauses.push(clause);
    if (!this.allClauses.includes(clause)) this.allClauses.push(clause);
  }

  open(ctx: MatchContext, state: ClauseState): void {
    const text = this.keywordMessage ? ctx.keywordMessage() : ctx.text(this.source.field);
    if (text === undefined) return;
    if (this.automaton === undefined) {
      this.automaton = LiteralAutomaton.of(this.literals, this.source.lowered);
      this.seen = new Float64Array(this.literals.length).fill(-1);
    }
    // anyCheck tests an array's elements one by one, and without an automaton every check runs.
    if (typeof text !== 'string' || this.automaton === null) {
      for (const clause of this.allClauses) state.hold(clause);
      return;
    }
    const found = this.found;
    found.length = 0;
    this.automaton.scan(text, this.seen, ctx.generation, found);
    for (const id of found) for (const clause of this.clausesOf[id] as number[]) state.hold(clause);
  }
}
