import type { SecurityEvent } from '../../protocol/security-event.ts';

/**
 * The events behind a correlation group, bounded: the first half of `cap` events of the window
 * and a ring of the latest other half. Events in between are dropped, so an alert shows how the
 * attack began and where it stands without holding thousands of lines.
 */
export class Evidence {
  private head: SecurityEvent[] = [];
  private tail: SecurityEvent[] = [];
  /** Where the next event goes once the tail ring is full. */
  private tailAt = 0;
  private readonly headCap: number;
  private readonly tailCap: number;

  constructor(cap: number) {
    this.headCap = Math.ceil(cap / 2);
    this.tailCap = cap - this.headCap;
  }

  add(events: readonly SecurityEvent[]): void {
    for (const event of events) {
      if (this.tail.length === 0 && this.head.length < this.headCap) {
        this.head.push(event);
      } else if (this.tail.length < this.tailCap) {
        this.tail.push(event);
      } else if (this.tailCap > 0) {
        this.tail[this.tailAt] = event;
        this.tailAt = (this.tailAt + 1) % this.tailCap;
      }
    }
  }

  /** Forgets events older than `time`, which have left the window. */
  expire(time: number): void {
    while (this.head.length > 0 && (this.head[0] as SecurityEvent).time < time) this.head.shift();
    if (this.head.length > 0 || ((this.tail[this.tailAt] ?? this.tail[0])?.time ?? time) >= time) return;
    const kept = this.list().filter((event) => event.time >= time);
    if (kept.length === this.tail.length) return;
    this.tail = kept;
    this.tailAt = 0;
  }

  clear(): void {
    this.head = [];
    this.tail = [];
    this.tailAt = 0;
  }

  /** Oldest first. */
  list(): SecurityEvent[] {
    return [...this.head, ...this.tail.slice(this.tailAt), ...this.tail.slice(0, this.tailAt)];
  }
}
