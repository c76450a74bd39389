import type { SecurityEvent } from '../../protocol/security-event.ts';
import {
  DistinctValues,
  LatestPerRule,
  OrderedChains,
  RecentCount,
  Tally,
  ValueSum,
  type Hit,
  type Measure,
} from './correlation-measures.ts';
import { Evidence } from './evidence.ts';
import type { CorrelationRule } from './sigma-rule.ts';

/** A correlation group meeting its condition. */
export interface Firing {
  /** The group-by values. */
  values: string[];
  first: number;
  last: number;
  count: number;
  events: SecurityEvent[];
}

export interface GroupLimits {
  maxGroups: number;
  maxEvidence: number;
}

/** An anchored window counts at most this many distinct values; past it the count stays put. */
const maxDistinct = 10_000;

interface Group {
  key: string;
  /** Neighbours in expiry order: least recently hit (sliding) or opened (anchored) first. */
  older: Group | undefined;
  newer: Group | undefined;
  values: string[];
  measure: Measure;
  evidence: Evidence;
  /** The latest hit's time. */
  latest: number;
  /** Anchored: the window's start. */
  start: number;
  /** Sliding: silent up to and including this time after firing. Anchored: the window's end. */
  until: number;
  /** Anchored: the window already fired. */
  fired: boolean;
  /** Events since the group last fired (sliding) or opened (anchored). */
  events: number;
}

/** A group as JSON holds it: a never-fired sliding group's `until` (-Infinity) becomes null. */
interface SavedGroup extends Omit<Group, 'older' | 'newer' | 'measure' | 'evidence' | 'until'> {
  until: number | null;
  measure: unknown;
  evidence: SecurityEvent[];
}

/**
 * The groups of one correlation rule. Two kinds of window (docs/detection.md, "Correlation
 * semantics"):
 *
 * - sliding, for conditions with only gt/gte bounds on event_count, value_count, temporal and
 *   temporal_ordered: a group fires as soon as the hits in [t - timespan, t] meet the condition,
 *   t being its latest hit, then stays silent until its window has slid past the firing, so a
 *   firing never reuses the hits of the one before;
 * - anchored, for every other condition and for value_sum/value_avg: a window opens at a
 *   group's first hit and the measure is final when it closes, timespan later. Rising conditions
 *   still fire at once.
 *
 * Groups are linked in least-recently-hit (sliding) or opening (anchored) order, so the ones to
 * expire or to evict past `maxGroups` are always the oldest: no scan, whatever the group count.
 */
export class CorrelationGroups {
  private readonly groups = new Map<string, Group>();
  private oldest: Group | undefined;
  private newest: Group | undefined;
  private readonly sliding: boolean;
  evicted = 0;

  constructor(
    readonly rule: CorrelationRule,
    private readonly limits: GroupLimits,
    private readonly fire: (firing: Firing) => void,
  ) {
    this.sliding = rule.condition.rising && rule.type !== 'value_sum' && rule.type !== 'value_avg';
  }

  get size(): number {
    return this.groups.size;
  }

  add(key: string, values: string[], hit: Hit, order: number, value: string | number | undefined): void {
    if (this.sliding) this.addSliding(key, values, hit, order, value);
    else this.addAnchored(key, values, hit, order, value);
    if (this.groups.size > this.limits.maxGroups && this.oldest !== undefined) {
      this.remove(this.oldest);
      this.evicted++;
    }
  }

  /** Expires groups that can no longer fire and closes anchored windows that ended before `now`. */
  advance(now: number): void {
    const { timespanMs } = this.rule;
    for (let group = this.oldest; group !== undefined; group = this.oldest) {
      if (this.sliding ? group.latest >= now - timespanMs : group.until >= now) break;
      this.remove(group);
      if (!this.sliding) this.close(group);
    }
  }

  snapshot(): SavedGroup[] {
    const saved: SavedGroup[] = [];
    for (let group = this.oldest; group !== undefined; group = group.newer) {
      const { older: _older, newer: _newer, measure, evidence, until, ...rest } = group;
      saved.push({
        ...rest,
        until: Number.isFinite(until) ? until : null,
        measure: measure.toJSON(),
        evidence: evidence.list(),
      });
    }
    return saved;
  }

  restore(saved: readonly SavedGroup[]): void {
    this.groups.clear();
    this.oldest = this.newest = undefined;
    for (const { measure, evidence, until, ...rest } of saved) {
      const group: Group = {
        ...rest,
        older: undefined,
        newer: undefined,
        until: until ?? -Infinity,
        measure: this.measure(measure),
        evidence: new Evidence(this.limits.maxEvidence),
      };
      group.evidence.add(evidence);
      this.append(group);
    }
  }

  private append(group: Group): void {
    this.link(group);
    this.groups.set(group.key, group);
  }

  private remove(group: Group): void {
    this.unlink(group);
    this.groups.delete(group.key);
  }

  /** Makes the group the newest. */
  private touch(group: Group): void {
    if (group === this.newest) return;
    this.unlink(group);
    this.link(group);
  }

  private link(group: Group): void {
    group.older = this.newest;
    group.newer = undefined;
    if (this.newest === undefined) this.oldest = group;
    else this.newest.newer = group;
    this.newest = group;
  }

  private unlink(group: Group): void {
    if (group.older === undefined) this.oldest = group.newer;
    else group.older.newer = group.newer;
    if (group.newer === undefined) this.newest = group.older;
    else group.newer.older = group.older;
    group.older = group.newer = undefined;
  }

  private addSliding(
    key: string,
    values: string[],
    hit: Hit,
    order: number,
    value: string | number | undefined,
  ): void {
    const { timespanMs, condition } = this.rule;
    let group = this.groups.get(key);
    if (group === undefined) {
      group = this.newGroup(key, values, hit.time, -Infinity);
      this.append(group);
    } else {
      if (hit.time < group.latest - timespanMs) return;
      this.touch(group);
    }
    this.record(group, hit, order, value);
    const from = group.latest - timespanMs;
    group.evidence.expire(from);
    if (group.latest <= group.until) return;
    const measure = group.measure.value(from);
    if (!condition.test(measure)) return;
    this.fire(this.firing(group, from, measure));
    group.until = group.latest + timespanMs;
    group.events = 0;
    group.evidence.clear();
  }

  private record(group: Group, hit: Hit, order: number, value: string | number | undefined): void {
    group.latest = Math.max(group.latest, hit.time);
    group.events += hit.count;
    group.measure.add(hit, order, value);
    // Temporal measures keep their chains' events themselves.
    if (group.measure.chain === undefined) group.evidence.add(hit.events);
  }

  private addAnchored(
    key: string,
    values: string[],
    hit: Hit,
    order: number,
    value: string | number | undefined,
  ): void {
    let group = this.groups.get(key);
    if (group !== undefined && hit.time > group.until) {
      this.remove(group);
      this.close(group);
      group = undefined;
    }
    if (group === undefined) {
      group = this.newGroup(key, values, hit.time, hit.time + this.rule.timespanMs);
      this.append(group);
    }
    this.record(group, hit, order, value);
    if (!this.rule.condition.rising || group.fired) return;
    const measure = group.measure.value(group.start);
    if (!this.rule.condition.test(measure)) return;
    group.fired = true;
    this.fire(this.firing(group, group.start, measure));
  }

  private close(group: Group): void {
    if (group.fired) return;
    const measure = group.measure.value(group.start);
    if (this.rule.condition.test(measure)) this.fire(this.firing(group, group.start, measure));
  }

  private firing(group: Group, from: number, measure: number): Firing {
    const chain = group.measure.chain?.(from);
    const events = chain?.events ?? group.evidence.list();
    return {
      values: group.values,
      first: events[0]?.time ?? from,
      last: group.latest,
      count: chain?.count ?? this.count(group, measure),
      events,
    };
  }

  /**
   * A finding's count (docs/detection.md): value_count reports its distinct values; event_count
   * its events in the window, and on later firings of a sliding group every event since the
   * previous firing, silent ones included; value_sum and value_avg the events in the window.
   */
  private count(group: Group, measure: number): number {
    switch (this.rule.type) {
      case 'value_count':
        return measure;
      case 'event_count':
        return this.sliding && Number.isFinite(group.until) ? group.events : measure;
      default:
        return group.events;
    }
  }

  private newGroup(key: string, values: string[], time: number, until: number): Group {
    return {
      key,
      older: undefined,
      newer: undefined,
      values,
      measure: this.measure(undefined),
      evidence: new Evidence(this.limits.maxEvidence),
      latest: time,
      start: time,
      until,
      fired: false,
      events: 0,
    };
  }

  private measure(saved: unknown): Measure {
    const { type, condition, inputs } = this.rule;
    // Saved state is this class's own snapshot of the same rule (the fingerprint matched).
    const state = saved as never;
    switch (type) {
      case 'event_count':
        return this.sliding ? new RecentCount(condition.threshold, state) : new Tally(state);
      case 'value_count':
        return new DistinctValues(this.sliding ? condition.threshold : maxDistinct, state);
      case 'temporal':
        return new LatestPerRule(inputs.length, state);
      case 'temporal_ordered':
        return new OrderedChains(inputs.length, state);
      case 'value_sum':
      case 'value_avg':
        return new ValueSum(type === 'value_avg', state);
    }
  }
}
