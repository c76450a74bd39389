/*
 * The strict reader of CVSS vector strings: "CVSS:<version>/" then "metric:value" pairs joined by
 * "/", every metric known to that version, each at most once, every value allowed, every base
 * metric present. Metrics may come in any order, as both specifications require readers to
 * accept. Anything else is refused with CvssError 'cvss.invalid_vector'. Case matters (the
 * specifications define the exact abbreviations), and nothing is trimmed.
 */
import { CvssError, invalidCvssVector, quoteCvss } from './cvss-error.ts';
import { cvssMetrics, type CvssMetricTable, type CvssVersion } from './cvss-metrics.ts';

export interface CvssVector {
  version: CvssVersion;
  /** The metrics the vector states, X (Not Defined) included. */
  metrics: ReadonlyMap<string, string>;
}

const versions = Object.keys(cvssMetrics) as CvssVersion[];
const prefixes: Readonly<Record<CvssVersion, string>> = {
  '3.0': 'CVSS:3.0/',
  '3.1': 'CVSS:3.1/',
  '4.0': 'CVSS:4.0/',
};

/** The longest vector a table allows: every metric once with its longest value. */
function longestVector(table: CvssMetricTable): number {
  let length = 'CVSS:x.y'.length;
  for (const [metric, values] of table.values) {
    length += 1 + metric.length + 1 + Math.max(...values.map((value) => value.length));
  }
  return length;
}

/** Anything longer is refused before it is split, so hostile input costs no more than a valid vector. */
const maxLength = Math.max(...versions.map((version) => longestVector(cvssMetrics[version])));

export function parseCvssVector(vector: string): CvssVector {
  // Callers pass feed JSON through; never stringify a non-string (its toString is not ours to run).
  if (typeof vector !== 'string') {
    throw new CvssError('cvss.invalid_vector', `invalid CVSS vector: a ${typeof vector}, not a string`);
  }
  if (vector.length === 0) throw invalidCvssVector(vector, 'empty');
  if (vector.length > maxLength) {
    throw invalidCvssVector(vector, `longer than ${maxLength} characters, the longest valid vector`);
  }
  const version = versions.find((candidate) => vector.startsWith(prefixes[candidate]));
  if (version === undefined) {
    throw invalidCvssVector(vector, `it must start with ${Object.values(prefixes).join(', ')}`);
  }
  const table = cvssMetrics[version];
  const metrics = new Map<string, string>();
  for (const part of vector.slice(prefixes[version].length).split('/')) {
    if (part === '') throw invalidCvssVector(vector, 'empty metric (a doubled or trailing "/")');
    const colon = part.indexOf(':');
    const metric = colon === -1 ? part : part.slice(0, colon);
    const value = colon === -1 ? undefined : part.slice(colon + 1);
    const allowed = table.values.get(metric);
    if (allowed === undefined) throw invalidCvssVector(vector, `unknown metric ${quoteCvss(metric)}`);
    if (value === undefined) throw invalidCvssVector(vector, `metric ${metric} has no value`);
    if (metrics.has(metric)) throw invalidCvssVector(vector, `metric ${metric} appears twice`);
    if (!allowed.includes(value)) {
      throw invalidCvssVector(
        vector,
        `metric ${metric} has value ${quoteCvss(value)}, expected one of ${allowed.join(', ')}`,
      );
    }
    metrics.set(metric, value);
  }
  const missing = table.mandatory.filter((metric) => !metrics.has(metric));
  if (missing.length > 0) {
    throw invalidCvssVector(
      vector,
      `missing base metric${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
    );
  }
  return { version, metrics };
}
