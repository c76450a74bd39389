import type { Alert, AlertSuppression } from '../../../../src/protocol/alerts.ts';

export type LabelledValues = readonly (readonly [label: string, value: string | null])[];

export const alertEntityItems = (entities: Alert['entities']): LabelledValues => [
  ['Source', entities.src_ip],
  ['User', entities.user],
  ['Host', entities.host],
];

/** What a suppression matches; a field it leaves unset (null) matches anything. */
export const suppressionItems = (s: AlertSuppression): LabelledValues => [
  ['Rule', s.ruleId],
  ['Source', s.srcIp],
  ['User', s.user],
  ['Host', s.host],
];

/** The set values as words for a sentence, e.g. `Rule …, Source 203.0.113.9`. */
export const describeItems = (items: LabelledValues): string =>
  items
    .filter(([, value]) => value !== null)
    .map(([label, value]) => `${label.toLowerCase()} ${String(value)}`)
    .join(', ');
