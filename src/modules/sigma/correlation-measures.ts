import type { SecurityEvent } from '../../protocol/security-event.ts';

/* What a correlation group measures, per correlation type. All state is plain data for snapshots. */

/** One match feeding a correlation: a detection rule's event, or a referenced correlation firing. */
export interface Hit {
  time: number;
  /** The events behind it: the event itself, or the firing correlation's evidence. */
  events: readonly SecurityEvent[];
  /** How many events it stands for (a correlation firing stands for its own count). */
  count: number;
}

export interface Measure {
  /** `order` is the referenced rule's position; `value` the measured field (value_* types). */
  add(hit: Hit, order: number, value: string | number | undefined): void;
  /** The measure over hits at or after `from`. */
  value(from: number): number;
  /** Temporal types: the hits that make up the measure, as evidence and an event count. */
  chain?(from: number): { events: SecurityEvent[]; count: number };
  toJSON(): unknown;
}

/** The latest `capacity` hit times: enough to tell whether at least `capacity` fall in the window. */
export class RecentCount implements Measure {
  private readonly times: number[];
  private at: number;

  constructor(
    private readonly capacity: number,
    saved?: { times: number[]; at: number },
  ) {
    this.times = saved?.times ?? [];
    this.at = saved?.at ?? 0;
  }

  add(hit: Hit): void {
    if (this.times.length < this.capacity) {
      this.times.push(hit.time);
    } else {
      this.times[this.at] = hit.time;
      this.at = (this.at + 1) % this.capacity;
    }
  }

  value(from: number): number {
    let count = 0;
    for (const time of this.times) if (time >= from) count++;
    return count;
  }

  toJSON(): unknown {
    return { times: this.times, at: this.at };
  }
}

/** Every hit of an anchored window. */
export class Tally implements Measure {
  private count: number;

  constructor(saved?: number) {
    this.count = saved ?? 0;
  }

  add(): void {
    this.count++;
  }

  value(): number {
    return this.count;
  }

  toJSON(): unknown {
    return this.count;
  }
}

/** Distinct values with the time each was last seen, the `capacity` most recent kept. */
export class DistinctValues implements Measure {
  private readonly seen: Map<string, number>;

  constructor(
    private readonly capacity: number,
    saved?: [string, number][],
  ) {
    this.seen = new Map(saved);
  }

  add(hit: Hit, _order: number, value: string | number | undefined): void {
    if (value === undefined) return;
    const key = String(value);
    const time = Math.max(hit.time, this.seen.get(key) ?? -Infinity);
    this.seen.delete(key);
    this.seen.set(key, time);
    if (this.seen.size > this.capacity) this.seen.delete(this.seen.keys().next().value as string);
  }

  value(from: number): number {
    let count = 0;
    for (const time of this.seen.values()) if (time >= from) count++;
    return count;
  }

  toJSON(): unknown {
    return [...this.seen];
  }
}

interface Link {
  time: number;
  events: SecurityEvent[];
  count: number;
}

/** temporal: the latest hit of each referenced rule; the measure is how many lie in the window. */
export class LatestPerRule implements Measure {
  private readonly latest: (Link | null)[];

  constructor(rules: number, saved?: (Link | null)[]) {
    this.latest = saved ?? Array<Link | null>(rules).fill(null);
  }

  add(hit: Hit, order: number): void {
    const current = this.latest[order];
    if (current === undefined || (current !== null && current.time > hit.time)) return;
    this.latest[order] = { time: hit.time, events: [...hit.events], count: hit.count };
  }

  value(from: number): number {
    return this.links(from).length;
  }

  chain(from: number): { events: SecurityEvent[]; count: number } {
    return joinLinks(this.links(from).sort((a, b) => a.time - b.time));
  }

  private links(from: number): Link[] {
    return this.latest.filter((link): link is Link => link !== null && link.time >= from);
  }

  toJSON(): unknown {
    return this.latest;
  }
}

/**
 * temporal_ordered: for each length k, the in-order chain of the first k referenced rules that
 * started latest. Extending the chain that started latest is always best, since the window
 * only bounds the start; so this is linear in the rule count per hit. The measure is the longest
 * chain starting in the window. Callers add one event's hits from the highest order down, so an
 * event never extends a chain it started.
 */
export class OrderedChains implements Measure {
  /** chains[k - 1]: the best chain of length k, or null. */
  private readonly chains: ({ start: number; link: Link } | null)[];

  constructor(rules: number, saved?: ({ start: number; link: Link } | null)[]) {
    this.chains = saved ?? Array<{ start: number; link: Link } | null>(rules).fill(null);
  }

  add(hit: Hit, order: number): void {
    const previous =
      order === 0
        ? { start: hit.time, link: { time: hit.time, events: [], count: 0 } }
        : this.chains[order - 1];
    const current = this.chains[order];
    if (previous === null || previous === undefined || current === undefined) return;
    if (current !== null && current.start > previous.start) return;
    this.chains[order] = {
      start: previous.start,
      link: joinLinks([previous.link, { time: hit.time, events: [...hit.events], count: hit.count }]),
    };
  }

  value(from: number): number {
    let length = 0;
    this.chains.forEach((chain, index) => {
      if (chain !== null && chain.start >= from) length = index + 1;
    });
    return length;
  }

  chain(from: number): { events: SecurityEvent[]; count: number } {
    const length = this.value(from);
    return length === 0 ? { events: [], count: 0 } : (this.chains[length - 1] as { link: Link }).link;
  }

  toJSON(): unknown {
    return this.chains;
  }
}

/** value_sum and value_avg over an anchored window; values that are not numbers are skipped. */
export class ValueSum implements Measure {
  private sum: number;
  private numbers: number;

  constructor(
    private readonly average: boolean,
    saved?: [number, number],
  ) {
    [this.sum, this.numbers] = saved ?? [0, 0];
  }

  add(_hit: Hit, _order: number, value: string | number | undefined): void {
    if (typeof value !== 'number') return;
    this.sum += value;
    this.numbers++;
  }

  value(): number {
    return this.average ? (this.numbers === 0 ? NaN : this.sum / this.numbers) : this.sum;
  }

  toJSON(): unknown {
    return [this.sum, this.numbers];
  }
}

/** Chains keep at most this many events; the first and the latest are kept. */
const chainEvidence = 20;

function joinLinks(links: readonly Link[]): Link {
  let events = links.flatMap((link) => link.events);
  if (events.length > chainEvidence) {
    events = [...events.slice(0, chainEvidence / 2), ...events.slice(-chainEvidence / 2)];
  }
  return {
    time: links.at(-1)?.time ?? 0,
    events,
    count: links.reduce((sum, link) => sum + link.count, 0),
  };
}
