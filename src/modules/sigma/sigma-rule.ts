import type { Severity } from '../../protocol/finding.ts';
import type { EventField } from './event-field.ts';
import type { RuleLogSource } from './logsource.ts';
import type { Matcher } from './match-context.ts';
import type { Gate } from './rule-gate.ts';

/** What every loaded rule has, detection or correlation. */
export interface RuleHead {
  /** The rule's id, else its name, else `file#document`: what findings and correlations name it by. */
  key: string;
  id?: string;
  name?: string;
  title: string;
  file: string;
  severity: Severity;
  tags: string[];
  /**
   * False when only correlations use the rule: the spec's `generate` (default false) keeps rules
   * a correlation refers to from alerting on their own.
   */
  standalone: boolean;
}

export interface DetectionRule extends RuleHead {
  kind: 'detection';
  logsource: RuleLogSource;
  matches: Matcher;
  /** Literals one of which an event must hold for `matches` to pass (see rule-gate.ts). */
  gate: Gate;
}

export type CorrelationType =
  'event_count' | 'value_count' | 'temporal' | 'temporal_ordered' | 'value_sum' | 'value_avg';

/** The correlation's condition on its measure: every bound must hold. */
export interface MeasureCondition {
  test: (measure: number) => boolean;
  /**
   * Only gt/gte bounds: once met, more events keep it met, so the correlation fires the moment
   * it holds. Otherwise the measure is final only when the window ends.
   */
  rising: boolean;
  /** With `rising`, the smallest whole measure that meets the condition. */
  threshold: number;
}

/** Where one group-by field's value comes from for hits of one referenced rule. */
export type GroupSource = { field: EventField } | { innerGroupIndex: number };

export interface CorrelationInput {
  rule: DetectionRule | CorrelationRule;
  /** Position in the correlation's `rules` (temporal_ordered's order). */
  order: number;
  group: GroupSource[];
  /** value_count, value_sum, value_avg: the measured fields. */
  values: EventField[];
}

export interface CorrelationRule extends RuleHead {
  kind: 'correlation';
  type: CorrelationType;
  timespanMs: number;
  groupBy: string[];
  condition: MeasureCondition;
  inputs: CorrelationInput[];
  /** The spec's `generate`: the rules it refers to alert on their own too. */
  generate: boolean;
  /** Changes whenever the semantics change, so restored state of an edited rule is dropped. */
  fingerprint: string;
}

export type SigmaRule = DetectionRule | CorrelationRule;
