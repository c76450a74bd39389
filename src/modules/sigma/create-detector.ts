import type { Finding } from '../../protocol/finding.ts';
import type { SecurityEvent } from '../../protocol/security-event.ts';
import { CorrelationGroups, type Firing } from './correlation-groups.ts';
import type { Hit } from './correlation-measures.ts';
import { finding, findingRule } from './finding-of.ts';
import { GatedRules } from './gated-rules.ts';
import { LogSourceIndex } from './logsource-index.ts';
import { MatchContext, textOf } from './match-context.ts';
import { numberOf } from './numeric-value.ts';
import type { CorrelationInput, CorrelationRule, DetectionRule, SigmaRule } from './sigma-rule.ts';

export interface DetectorOptions {
  rules: readonly DetectionRule[];
  correlations?: readonly CorrelationRule[];
  /** Groups kept per correlation rule; past it the least recently hit group is dropped. */
  maxGroupsPerCorrelation?: number;
  /** Events kept as a finding's evidence (the first and the latest half). */
  maxEvidence?: number;
}

export interface DetectorStats {
  /** Correlation groups held now, over all correlation rules. */
  groups: number;
  /** Groups dropped because a rule had maxGroupsPerCorrelation. */
  evictedGroups: number;
}

export interface DetectorSnapshot {
  version: 1;
  /** The latest event time seen; null before the first event. */
  now: number | null;
  correlations: { key: string; fingerprint: string; groups: ReturnType<CorrelationGroups['snapshot']> }[];
}

export interface Detector {
  /** Runs one event through the rules for its logsource; events should come in log-time order. */
  process(event: SecurityEvent): Finding[];
  /** Closes correlation windows that ended before `now` (Infinity at the end of the input). */
  flush(now: number): Finding[];
  snapshot(): DetectorSnapshot;
  /**
   * Takes up correlation state from a snapshot (parsed JSON); state of rules that changed or are
   * gone is dropped, and so is anything that is not a version 1 snapshot.
   */
  restore(snapshot: unknown): void;
  stats(): DetectorStats;
}

interface Consumer {
  groups: CorrelationGroups;
  input: CorrelationInput;
}

const noFindings: Finding[] = [];

export function createDetector(options: DetectorOptions): Detector {
  const { rules, correlations = [], maxGroupsPerCorrelation = 50_000, maxEvidence = 20 } = options;
  const limits = { maxGroups: maxGroupsPerCorrelation, maxEvidence };
  const index = new LogSourceIndex(rules, (items) => new GatedRules(items));
  const infos = new Map<SigmaRule, Finding['rule']>();
  for (const rule of [...rules, ...correlations]) infos.set(rule, findingRule(rule));
  let context: MatchContext | undefined;
  let now = -Infinity;
  let findings: Finding[] = noFindings;
  const emit = (item: Finding): void => {
    if (findings === noFindings) findings = [];
    findings.push(item);
  };

  const feed = (consumer: Consumer, hit: Hit, event: SecurityEvent, firing: Firing | undefined): void => {
    const { groups, input } = consumer;
    const values = groupValues(input, event, firing);
    if (values === undefined) return;
    const measured = measuredValue(groups.rule, input, event);
    if (measured !== null) groups.add(values.join('\u0000'), values, hit, input.order, measured);
  };
  const fire = (rule: CorrelationRule, firing: Firing): void => {
    if (rule.standalone) emit(finding(infos.get(rule) as Finding['rule'], firing.events, firing));
    const last = firing.events.at(-1);
    if (last === undefined) return;
    const hit: Hit = { time: firing.last, events: firing.events, count: firing.count };
    for (const consumer of consumers.get(rule) ?? []) feed(consumer, hit, last, firing);
  };
  const engines = correlations.map(
    (rule) => new CorrelationGroups(rule, limits, (firing) => fire(rule, firing)),
  );
  const consumers = new Map<SigmaRule, Consumer[]>();
  for (const groups of engines) {
    for (const input of groups.rule.inputs) {
      const list = consumers.get(input.rule) ?? [];
      list.push({ groups, input });
      consumers.set(input.rule, list);
    }
  }
  // An event's hits on temporal_ordered correlations wait until all its rules ran, then go from
  // the last referenced rule down, so that one event cannot both start and extend a chain.
  const ordered: { consumer: Consumer; hit: Hit }[] = [];

  return {
    process(event) {
      findings = noFindings;
      context ??= new MatchContext(event);
      context.begin(event);
      if (event.time > now) {
        now = event.time;
        for (const groups of engines) groups.advance(now);
      }
      const gated = index.itemsFor(event);
      gated.open(context);
      const candidates = gated.rules;
      for (let i = 0; i < candidates.length; i++) {
        if (!gated.mayMatch(i)) continue;
        const rule = candidates[i] as DetectionRule;
        if (!rule.matches(context)) continue;
        if (rule.standalone) {
          emit(
            finding(infos.get(rule) as Finding['rule'], [event], {
              first: event.time,
              last: event.time,
              count: 1,
            }),
          );
        }
        const next = consumers.get(rule);
        if (next === undefined) continue;
        const hit: Hit = { time: event.time, events: [event], count: 1 };
        for (const consumer of next) {
          if (consumer.groups.rule.type === 'temporal_ordered') ordered.push({ consumer, hit });
          else feed(consumer, hit, event, undefined);
        }
      }
      if (ordered.length > 0) {
        ordered.sort((a, b) => b.consumer.input.order - a.consumer.input.order);
        for (const { consumer, hit } of ordered) feed(consumer, hit, event, undefined);
        ordered.length = 0;
      }
      return findings;
    },
    flush(time) {
      findings = noFindings;
      for (const groups of engines) groups.advance(time);
      return findings;
    },
    snapshot() {
      return {
        version: 1,
        now: Number.isFinite(now) ? now : null,
        correlations: engines.map((groups) => ({
          key: groups.rule.key,
          fingerprint: groups.rule.fingerprint,
          groups: groups.snapshot(),
        })),
      };
    },
    restore(snapshot) {
      if (!isSnapshot(snapshot)) return;
      now = Math.max(now, snapshot.now ?? -Infinity);
      for (const groups of engines) {
        const saved = snapshot.correlations.find(
          ({ key, fingerprint }) => key === groups.rule.key && fingerprint === groups.rule.fingerprint,
        );
        if (saved === undefined) continue;
        try {
          groups.restore(saved.groups);
        } catch {
          // A damaged entry costs that rule its state, not the restart.
          groups.restore([]);
        }
      }
    },
    stats() {
      return {
        groups: engines.reduce((sum, groups) => sum + groups.size, 0),
        evictedGroups: engines.reduce((sum, groups) => sum + groups.evicted, 0),
      };
    },
  };
}

function isSnapshot(value: unknown): value is DetectorSnapshot {
  if (typeof value !== 'object' || value === null) return false;
  const { version, now, correlations } = value as Record<string, unknown>;
  return version === 1 && (typeof now === 'number' || now === null) && Array.isArray(correlations);
}

/**
 * The group-by values of a hit, or undefined when the event lacks one (such events do not
 * count, as in a SIEM's `by` clause). A referenced correlation's firing passes on its own group
 * values; other fields are read from its latest event.
 */
function groupValues(
  input: CorrelationInput,
  event: SecurityEvent,
  firing: Firing | undefined,
): string[] | undefined {
  const values: string[] = [];
  for (const source of input.group) {
    const value =
      'innerGroupIndex' in source
        ? firing?.values[source.innerGroupIndex]
        : keyText(source.field.read(event));
    if (value === undefined) return undefined;
    values.push(value);
  }
  return values;
}

/** The measured value of value_* correlations; null when the event lacks it (the hit is skipped). */
function measuredValue(
  rule: CorrelationRule,
  input: CorrelationInput,
  event: SecurityEvent,
): string | number | undefined | null {
  if (input.values.length === 0) return undefined;
  if (rule.type !== 'value_count') return numberOf(input.values[0]?.read(event)) ?? null;
  const parts: string[] = [];
  for (const field of input.values) {
    const text = keyText(field.read(event));
    if (text === undefined) return null;
    parts.push(text);
  }
  return parts.join('\u0000');
}

function keyText(value: unknown): string | undefined {
  const text = textOf(value);
  return text === undefined ? undefined : typeof text === 'string' ? text : JSON.stringify(text);
}
