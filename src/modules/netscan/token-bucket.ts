/**
 * A rate cap: `ratePerSecond` tokens a second, bursts of at most a twentieth of a second's worth,
 * so a capped scan never sends a second's packets at once.
 */
export class TokenBucket {
  readonly #rate: number;
  readonly #burst: number;
  #tokens: number;
  #at: number;

  constructor(ratePerSecond: number, now = performance.now()) {
    this.#rate = ratePerSecond / 1000;
    this.#burst = Math.max(1, ratePerSecond / 20);
    this.#tokens = this.#burst;
    this.#at = now;
  }

  /** Takes a token if one is there; otherwise how many milliseconds until one is. */
  take(now = performance.now()): number {
    this.#tokens = Math.min(this.#burst, this.#tokens + (now - this.#at) * this.#rate);
    this.#at = now;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return 0;
    }
    return (1 - this.#tokens) / this.#rate;
  }
}
