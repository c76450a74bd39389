import { LiteralAutomaton } from './literal-automaton.ts';
import type { LiteralSource } from './literal-prefilter.ts';
import type { MatchContext } from './match-context.ts';
import type { GateLiteral } from './rule-gate.ts';
import type { DetectionRule } from './sigma-rule.ts';

/**
 * The rules an event of one logsource meets, with their gates (rule-gate.ts) compiled into one
 * automaton per searched text: per event each text is scanned once for the literals of these
 * rules only, and a rule runs only when its gate opened (or it has none). On benign lines most
 * rules are never called.
 */
export class GatedRules {
  /** 1 for a rule without a gate: it always runs. */
  private readonly ungated: Uint8Array;
  /** The generation of the last event that opened the rule's gate. */
  private readonly openAt: Float64Array;
  private readonly texts: GateText[] = [];
  private mark = -1;

  constructor(readonly rules: readonly DetectionRule[]) {
    this.ungated = new Uint8Array(rules.length);
    this.openAt = new Float64Array(rules.length).fill(-1);
    const byText = new Map<string, GateText>();
    rules.forEach(({ gate }, rule) => {
      if (gate === undefined) {
        this.ungated[rule] = 1;
        return;
      }
      for (const literal of gate) {
        const key = `${literal.source.index}:${literal.keywordMessage}`;
        let text = byText.get(key);
        if (text === undefined) {
          text = new GateText(literal.source, literal.keywordMessage);
          byText.set(key, text);
          this.texts.push(text);
        }
        text.add(literal, rule);
      }
    });
  }

  /** Opens the gates of the rules that may match the context's event; then ask `mayMatch`. */
  open(ctx: MatchContext): void {
    this.mark = ctx.generation;
    for (const text of this.texts) text.open(ctx, this.openAt, this.mark);
  }

  mayMatch(rule: number): boolean {
    return this.ungated[rule] === 1 || this.openAt[rule] === this.mark;
  }
}

/** The gate literals looked for in one text (a source's field, or the keyword message). */
class GateText {
  /** Source literal id → id here. */
  private readonly ids = new Map<number, number>();
  private readonly literals: string[] = [];
  /** Per id here, the rules it opens. */
  private readonly rulesOf: number[][] = [];
  private readonly allRules: number[] = [];
  private automaton: LiteralAutomaton | null | undefined;
  private seen = new Float64Array(0);
  private readonly found: number[] = [];

  constructor(
    private readonly source: LiteralSource,
    private readonly keywordMessage: boolean,
  ) {}

  add(literal: GateLiteral, rule: number): void {
    let id = this.ids.get(literal.id);
    if (id === undefined) {
      id = this.literals.length;
      this.ids.set(literal.id, id);
      this.literals.push(this.source.literalOf(literal.id));
      this.rulesOf.push([]);
    }
    const rules = this.rulesOf[id] as number[];
    if (!rules.includes(rule)) rules.push(rule);
    if (!this.allRules.includes(rule)) this.allRules.push(rule);
  }

  open(ctx: MatchContext, openAt: Float64Array, mark: number): void {
    const text = this.keywordMessage ? ctx.keywordMessage() : ctx.text(this.source.field);
    if (text === undefined) return;
    if (this.automaton === undefined) {
      this.automaton = LiteralAutomaton.of(this.literals, this.source.lowered);
      this.seen = new Float64Array(this.literals.length).fill(-1);
    }
    // anyCheck tests an array's elements one by one, and without an automaton every check runs.
    if (typeof text !== 'string' || this.automaton === null) {
      for (const rule of this.allRules) openAt[rule] = mark;
      return;
    }
    const found = this.found;
    found.length = 0;
    this.automaton.scan(text, this.seen, mark, found);
    for (const id of found) for (const rule of this.rulesOf[id] as number[]) openAt[rule] = mark;
  }
}
