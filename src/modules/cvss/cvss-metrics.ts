/*
 * The metrics each CVSS version defines and the values each may take, from the FIRST
 * specifications (v3.0 and v3.1 section 6 tables, v4.0 section 7). Base metrics are mandatory;
 * every other metric may be left out, or given as X (Not Defined), which means the same.
 */

export type CvssVersion = '3.0' | '3.1' | '4.0';

export interface CvssMetricTable {
  /** Allowed values per metric abbreviation. A Map, so "__proto__" and friends are just unknown. */
  readonly values: ReadonlyMap<string, readonly string[]>;
  readonly mandatory: readonly string[];
}

function table(base: Record<string, string[]>, optional: Record<string, string[]>): CvssMetricTable {
  return {
    values: new Map([...Object.entries(base), ...Object.entries(optional)]),
    mandatory: Object.keys(base),
  };
}

const impact3 = ['H', 'L', 'N'];
const requirement = ['X', 'H', 'M', 'L'];

const cvss3 = table(
  {
    AV: ['N', 'A', 'L', 'P'],
    AC: ['L', 'H'],
    PR: ['N', 'L', 'H'],
    UI: ['N', 'R'],
    S: ['U', 'C'],
    C: impact3,
    I: impact3,
    A: impact3,
  },
  {
    E: ['X', 'H', 'F', 'P', 'U'],
    RL: ['X', 'U', 'W', 'T', 'O'],
    RC: ['X', 'C', 'R', 'U'],
    CR: requirement,
    IR: requirement,
    AR: requirement,
    MAV: ['X', 'N', 'A', 'L', 'P'],
    MAC: ['X', 'L', 'H'],
    MPR: ['X', 'N', 'L', 'H'],
    MUI: ['X', 'N', 'R'],
    MS: ['X', 'U', 'C'],
    MC: ['X', ...impact3],
    MI: ['X', ...impact3],
    MA: ['X', ...impact3],
  },
);

const cvss4 = table(
  {
    AV: ['N', 'A', 'L', 'P'],
    AC: ['L', 'H'],
    AT: ['N', 'P'],
    PR: ['N', 'L', 'H'],
    UI: ['N', 'P', 'A'],
    VC: impact3,
    VI: impact3,
    VA: impact3,
    SC: impact3,
    SI: impact3,
    SA: impact3,
  },
  {
    E: ['X', 'A', 'P', 'U'],
    CR: requirement,
    IR: requirement,
    AR: requirement,
    MAV: ['X', 'N', 'A', 'L', 'P'],
    MAC: ['X', 'L', 'H'],
    MAT: ['X', 'N', 'P'],
    MPR: ['X', 'N', 'L', 'H'],
    MUI: ['X', 'N', 'P', 'A'],
    MVC: ['X', ...impact3],
    MVI: ['X', ...impact3],
    MVA: ['X', ...impact3],
    MSC: ['X', ...impact3],
    // Only the subsequent system's integrity and availability can be raised to Safety.
    MSI: ['X', 'S', ...impact3],
    MSA: ['X', 'S', ...impact3],
    // Supplemental metrics: carried in the vector, never part of the score.
    S: ['X', 'N', 'P'],
    AU: ['X', 'N', 'Y'],
    R: ['X', 'A', 'U', 'I'],
    V: ['X', 'D', 'C'],
    RE: ['X', 'L', 'M', 'H'],
    U: ['X', 'Clear', 'Green', 'Amber', 'Red'],
  },
);

export const cvssMetrics: Readonly<Record<CvssVersion, CvssMetricTable>> = {
  '3.0': cvss3,
  '3.1': cvss3,
  '4.0': cvss4,
};
