/** passed ÷ (passed + failed) × 100 to one decimal, as a run's own score; null when nothing passed or failed. */
export function auditScore(passed: number, failed: number): number | null {
  return passed + failed === 0 ? null : Math.round((passed / (passed + failed)) * 1000) / 10;
}
