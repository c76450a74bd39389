/** How long to wait for a connection before calling the port filtered. */
export interface ScanTiming {
  /** Before the host has answered anything (RFC 6298's and nmap's 1 s). */
  initialTimeoutMs: number;
  /** Never less, however close the host (nmap's 100 ms). */
  minTimeoutMs: number;
  /** Never more, however slow the host looked (nmap -T4's 1250 ms). */
  maxTimeoutMs: number;
}

export const defaultTiming: ScanTiming = { initialTimeoutMs: 1000, minTimeoutMs: 100, maxTimeoutMs: 1250 };

/**
 * One host's retransmission timeout from the round trips its answers took, as TCP computes it
 * (RFC 6298: srtt + 4·rttvar, clamped). Connection setup times include the scanner's own event
 * loop delay, which only ever makes the timeout longer, never a false "filtered".
 */
export class RttEstimator {
  #srtt: number | undefined;
  #rttvar = 0;
  readonly #timing: ScanTiming;

  constructor(timing: ScanTiming) {
    this.#timing = timing;
  }

  sample(rttMs: number): void {
    if (this.#srtt === undefined) {
      this.#srtt = rttMs;
      this.#rttvar = rttMs / 2;
      return;
    }
    this.#rttvar = 0.75 * this.#rttvar + 0.25 * Math.abs(this.#srtt - rttMs);
    this.#srtt = 0.875 * this.#srtt + 0.125 * rttMs;
  }

  /** The timeout for a probe's `attempt` (0 first): doubled for each retry, as TCP backs off. */
  timeoutMs(attempt: number): number {
    const { initialTimeoutMs, minTimeoutMs, maxTimeoutMs } = this.#timing;
    const base = this.#srtt === undefined ? initialTimeoutMs : this.#srtt + 4 * this.#rttvar;
    return Math.min(maxTimeoutMs, Math.max(minTimeoutMs, base) * 2 ** attempt);
  }
}
