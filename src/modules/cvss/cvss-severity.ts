/*
 * The qualitative severity rating scale, the same in CVSS v3.0, v3.1 (section 5) and v4.0
 * (section 6): None 0.0, Low 0.1-3.9, Medium 4.0-6.9, High 7.0-8.9, Critical 9.0-10.0.
 */

export type CvssSeverity = 'none' | 'low' | 'medium' | 'high' | 'critical';

export function cvssSeverity(score: number): CvssSeverity {
  // Compare in tenths: scores are one-decimal numbers, and 3.9 must not miss Low by a binary ulp.
  const tenths = Math.round(score * 10);
  if (tenths <= 0) return 'none';
  if (tenths < 40) return 'low';
  if (tenths < 70) return 'medium';
  if (tenths < 90) return 'high';
  return 'critical';
}
