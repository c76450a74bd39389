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

const impact = ['H', 'L', 'N'];
const attackVector = ['N', 'A', 'L', 'P'];
const attackComplexity = ['L', 'H'];
const privileges = ['N', 'L', 'H'];
const requirement = ['X', 'H', 'M', 'L'];

/** The values of a modified (environmental) metric: those given, or X, which keeps the base metric's. */
function modifiable(values: string[]): string[] {
  return ['X', ...values];
}

const cvss3 = table(
  {
    AV: attackVector,
    AC: attackComplexity,
    PR: privileges,
    UI: ['N', 'R'],
    S: ['U', 'C'],
    C: impact,
    I: impact,
    A: impact,
  },
  {
    E: ['X', 'H', 'F', 'P', 'U'],
    RL: ['X', 'U', 'W', 'T', 'O'],
    RC: ['X', 'C', 'R', 'U'],
    CR: requirement,
    IR: requirement,
    AR: requirement,
    MAV: modifiable(attackVector),
    MAC: modifiable(attackComplexity),
    MPR: modifiable(privileges),
    MUI: modifiable(['N', 'R']),
    MS: modifiable(['U', 'C']),
    MC: modifiable(impact),
    MI: modifiable(impact),
    MA: modifiable(impact),
  },
);

const cvss4 = table(
  {
    AV: attackVector,
    AC: attackComplexity,
    AT: ['N', 'P'],
    PR: privileges,
    UI: ['N', 'P', 'A'],
    VC: impact,
    VI: impact,
    VA: impact,
    SC: impact,
    SI: impact,
    SA: impact,
  },
  {
    E: ['X', 'A', 'P', 'U'],
    CR: requirement,
    IR: requirement,
    AR: requirement,
    MAV: modifiable(attackVector),
    MAC: modifiable(attackComplexity),
    MAT: modifiable(['N', 'P']),
    MPR: modifiable(privileges),
    MUI: modifiable(['N', 'P', 'A']),
    MVC: modifiable(impact),
    MVI: modifiable(impact),
    MVA: modifiable(impact),
    MSC: modifiable(impact),
    // Only the subsequent system's integrity and availability can be raised to Safety.
    MSI: modifiable(['S', ...impact]),
    MSA: modifiable(['S', ...impact]),
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
