/**
 * A count as Intl.NumberFormat('en') writes it (12,345). Whole numbers are grouped here, since
 * the first Intl formatter of a run costs ~40 ms of start-up for ICU's locale data.
 */
export function thousands(count: number): string {
  const whole = Number.isSafeInteger(count) && !Object.is(count, -0); // Intl writes "-0"
  return whole ? String(count).replace(/\B(?=(\d{3})+$)/g, ',') : count.toLocaleString('en');
}
