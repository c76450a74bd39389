/*
 * CVSS v4.0 scoring (specification section 8), as FIRST's reference calculator does it
 * (cvss_score.js): the vector's equivalence classes name a macrovector whose score FIRST looked
 * up; the vector then loses, per class, the share of the gap to the next lower macrovector that
 * its severity distance from the class's highest-severity vector covers, averaged over the
 * classes that have a lower macrovector.
 *
 * Everything runs on integers in tenths: metric levels, distances and macrovector scores are all
 * multiples of 0.1, so the interpolation is an exact fraction, and rounding it half up needs no
 * float care. (The calculator rounds a float; where the exact score ends in 5, binary noise can
 * make it round down. Red Hat's implementation adds an epsilon to avoid that, and agrees with
 * this exact arithmetic.)
 */
import { classDepths, highestSeverityVectors, macroVectorScores } from './cvss4-tables.ts';

type Levels = Readonly<Record<string, number>>;
type Values = Readonly<Record<string, string>>;

const impactLevels: Levels = { H: 0, L: 1, N: 2 };
const subsequentLevels: Levels = { S: 0, H: 1, L: 2, N: 3 };
const requirementLevels: Levels = { H: 0, M: 1, L: 2 };

/**
 * The metrics of each interpolated equivalence class, with their severity levels in tenths, 0 the
 * most severe. EQ5 (exploit maturity) has a single value per class, so no vector lies below its
 * class's top and it is never interpolated.
 */
const eq1Levels = { AV: { N: 0, A: 1, L: 2, P: 3 }, PR: { N: 0, L: 1, H: 2 }, UI: { N: 0, P: 1, A: 2 } };
const eq2Levels = { AC: { L: 0, H: 1 }, AT: { N: 0, P: 1 } };
const eq3eq6Levels = {
  VC: impactLevels,
  VI: impactLevels,
  VA: impactLevels,
  CR: requirementLevels,
  IR: requirementLevels,
  AR: requirementLevels,
};
// Subsequent confidentiality cannot be Safety, hence one step lower at the top.
const eq4Levels = { SC: { H: 1, L: 2, N: 3 }, SI: subsequentLevels, SA: subsequentLevels };

/** Not Defined threat and requirement metrics score as their worst case (section 4). */
const worstCase = { E: 'A', CR: 'H', IR: 'H', AR: 'H' };
const baseMetrics = ['AV', 'AC', 'AT', 'PR', 'UI', 'VC', 'VI', 'VA', 'SC', 'SI', 'SA'];

/** The common multiple of every class depth, so the interpolation stays in integers. */
const depthMultiple = 840;

const scoreTenths = new Map(
  Object.entries(macroVectorScores).map(([key, score]) => [key, Math.round(score * 10)]),
);

function parseVector(vector: string): Values {
  return Object.fromEntries(
    vector.split('/').map((pair): [string, string] => {
      const [metric = '', value = ''] = pair.split(':');
      return [metric, value];
    }),
  );
}

function parseVectors(lists: readonly (readonly string[])[]): Values[][] {
  return lists.map((list) => list.map(parseVector));
}

const highest = {
  eq1: parseVectors(highestSeverityVectors.eq1),
  eq2: parseVectors(highestSeverityVectors.eq2),
  eq3eq6: new Map(
    Object.entries(highestSeverityVectors.eq3eq6).map(([key, list]) => [key, parseVectors([list])[0] ?? []]),
  ),
  eq4: parseVectors(highestSeverityVectors.eq4),
};

/** The values that score: a modified metric overrides its base metric unless Not Defined (X). */
function effectiveValues(metrics: ReadonlyMap<string, string>): Values {
  const values: Record<string, string> = {};
  for (const metric of baseMetrics) {
    const modified = metrics.get(`M${metric}`) ?? 'X';
    values[metric] = modified === 'X' ? (metrics.get(metric) ?? 'X') : modified;
  }
  for (const [metric, worst] of Object.entries(worstCase)) {
    const stated = metrics.get(metric) ?? 'X';
    values[metric] = stated === 'X' ? worst : stated;
  }
  return values;
}

/** EQ1..EQ6 of the vector (specification table 24), 0 the most severe level of each. */
function equivalenceClasses(v: Values): number[] {
  const anyHigh = (...metrics: string[]): boolean => metrics.some((metric) => v[metric] === 'H');
  const eq1 =
    v.AV === 'N' && v.PR === 'N' && v.UI === 'N'
      ? 0
      : (v.AV === 'N' || v.PR === 'N' || v.UI === 'N') && v.AV !== 'P'
        ? 1
        : 2;
  const eq2 = v.AC === 'L' && v.AT === 'N' ? 0 : 1;
  const eq3 = v.VC === 'H' && v.VI === 'H' ? 0 : anyHigh('VC', 'VI', 'VA') ? 1 : 2;
  const eq4 = v.SI === 'S' || v.SA === 'S' ? 0 : anyHigh('SC', 'SI', 'SA') ? 1 : 2;
  const eq5 = ['A', 'P', 'U'].indexOf(v.E ?? '');
  const eq6 =
    (v.CR === 'H' && v.VC === 'H') || (v.IR === 'H' && v.VI === 'H') || (v.AR === 'H' && v.VA === 'H')
      ? 0
      : 1;
  return [eq1, eq2, eq3, eq4, eq5, eq6];
}

/** The score in tenths of the macrovector with one class moved to another level; undefined when none exists. */
function macroScore(classes: readonly number[], index = 0, level = classes[0]): number | undefined {
  return scoreTenths.get(classes.map((current, i) => (i === index ? level : current)).join(''));
}

function higher(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}

/**
 * The vector's severity distance (in tenths, summed over the class's metrics) from the first of
 * its class's highest-severity vectors that it exceeds in no metric. The calculator searches the
 * combinations of all classes' highest vectors in order, but classes share no metric, so the
 * first fitting combination is made of each class's first fitting vector.
 */
function classDistance(
  levels: Readonly<Record<string, Levels>>,
  candidates: readonly Values[],
  v: Values,
): number {
  for (const candidate of candidates) {
    let total = 0;
    for (const [metric, level] of Object.entries(levels)) {
      const distance = (level[v[metric] ?? ''] ?? 0) - (level[candidate[metric] ?? ''] ?? 0);
      if (distance < 0) {
        total = -1;
        break;
      }
      total += distance;
    }
    if (total >= 0) return total;
  }
  // FIRST's highest-severity vectors bound every vector of their class.
  throw new Error(`no CVSS v4.0 highest-severity vector bounds ${JSON.stringify(v)}`);
}

/** The CVSS v4.0 score, in tenths, of a parsed vector's metrics. */
export function scoreCvss4Tenths(metrics: ReadonlyMap<string, string>): number {
  const v = effectiveValues(metrics);
  if (['VC', 'VI', 'VA', 'SC', 'SI', 'SA'].every((metric) => v[metric] === 'N')) return 0;
  const classes = equivalenceClasses(v);
  const [eq1 = 0, eq2 = 0, eq3 = 0, eq4 = 0, eq5 = 0, eq6 = 0] = classes;
  const eq3eq6 = `${eq3}${eq6}` as keyof typeof classDepths.eq3eq6;
  const top = macroScore(classes);
  if (top === undefined) throw new Error(`no CVSS v4.0 score for macrovector ${classes.join('')}`);

  const steps = [
    {
      lower: macroScore(classes, 0, eq1 + 1),
      distance: classDistance(eq1Levels, highest.eq1[eq1] ?? [], v),
      depth: classDepths.eq1[eq1] ?? 1,
    },
    {
      lower: macroScore(classes, 1, eq2 + 1),
      distance: classDistance(eq2Levels, highest.eq2[eq2] ?? [], v),
      depth: classDepths.eq2[eq2] ?? 1,
    },
    {
      // EQ3 and EQ6 step down together: 00 to the higher of 01 and 10, 01 and 10 to 11, 11 to 21.
      lower:
        eq3eq6 === '00'
          ? higher(macroScore(classes, 5, 1), macroScore(classes, 2, 1))
          : eq6 === 0
            ? macroScore(classes, 5, 1)
            : macroScore(classes, 2, eq3 + 1),
      distance: classDistance(eq3eq6Levels, highest.eq3eq6.get(eq3eq6) ?? [], v),
      depth: classDepths.eq3eq6[eq3eq6],
    },
    {
      lower: macroScore(classes, 3, eq4 + 1),
      distance: classDistance(eq4Levels, highest.eq4[eq4] ?? [], v),
      depth: classDepths.eq4[eq4] ?? 1,
    },
    { lower: macroScore(classes, 4, eq5 + 1), distance: 0, depth: 1 },
  ];

  // The mean, over the classes that have a lower macrovector, of gap × distance / depth, kept as
  // a fraction. Distances stay below their depth and no lower macrovector outscores its upper
  // one, so the result lies between the lower scores and the macrovector's: no clamping needed.
  let counted = 0;
  let numerator = 0;
  for (const { lower, distance, depth } of steps) {
    if (lower === undefined) continue;
    counted += 1;
    numerator += (top - lower) * distance * (depthMultiple / depth);
  }
  const denominator = depthMultiple * Math.max(counted, 1);
  // Round half up: floor(x + 1/2) with x = (top × denominator − numerator) / denominator.
  return Math.floor((2 * (top * denominator - numerator) + denominator) / (2 * denominator));
}
