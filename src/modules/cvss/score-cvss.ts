/*
 * The one entry point for scoring a CVSS vector string of any supported version: parse it
 * strictly, then score it with its version's formulas. v3 vectors get their base, temporal and
 * environmental scores (temporal and environmental equal what the vector's metrics give, which is
 * the base score's inputs when none are stated). A v4.0 vector has a single score: CVSS-B, -BT,
 * -BE or -BTE depending on which threat and environmental metrics it states.
 */
import { cvssSeverity, type CvssSeverity } from './cvss-severity.ts';
import type { CvssVersion } from './cvss-metrics.ts';
import { parseCvssVector } from './parse-cvss-vector.ts';
import { scoreCvss3 } from './score-cvss3.ts';
import { scoreCvss4Tenths } from './score-cvss4.ts';

export interface CvssScore {
  version: CvssVersion;
  vector: string;
  baseScore: number;
  temporalScore?: number;
  environmentalScore?: number;
  severity: CvssSeverity;
}

/** Scores a vector; throws CvssError ('cvss.invalid_vector') for anything not a valid vector. */
export function scoreCvss(vector: string): CvssScore {
  const { version, metrics } = parseCvssVector(vector);
  if (version === '4.0') {
    const baseScore = scoreCvss4Tenths(metrics) / 10;
    return { version, vector, baseScore, severity: cvssSeverity(baseScore) };
  }
  const scores = scoreCvss3(version, metrics);
  return {
    version,
    vector,
    baseScore: scores.base,
    temporalScore: scores.temporal,
    environmentalScore: scores.environmental,
    severity: cvssSeverity(scores.base),
  };
}
