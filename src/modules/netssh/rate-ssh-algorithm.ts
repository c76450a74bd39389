import { severities, type Severity } from '../../protocol/finding.ts';
import type { RatedAlgorithm } from '../../protocol/net-ssh.ts';
import {
  algorithmKnowledge,
  failSeverity,
  failText,
  infoText,
  warnText,
  type SshCategory,
} from './ssh-algorithms.ts';

const products: Record<string, string> = { d: 'Dropbear SSH ', l1: 'libssh ' };

/** `7.4,d2018.76` → `available since OpenSSH 7.4, Dropbear SSH 2018.76`, as ssh-audit says it. */
function sinceNote(since: string): string {
  const added = since.split(';')[0] ?? '';
  const parts = added.split(',').map((version) => {
    if (version.startsWith('l1')) return `${products.l1}${version.slice(2)}`;
    if (version.startsWith('d')) return `${products.d}${version.slice(1)}`;
    return `OpenSSH ${version}`;
  });
  return `available since ${parts.join(', ')}`;
}

/**
 * One offered algorithm rated ssh-audit style: `fail` when any failure reason applies, else `warn`
 * when any warning does, else `ok`. A name the table has never seen is a `warn` (ssh-audit lists it
 * as unknown); the findings leave unknown names out, the report keeps them.
 */
export function rateSshAlgorithm(category: SshCategory, name: string): RatedAlgorithm {
  const known = algorithmKnowledge(category, name);
  if (!known) return { name, rating: 'warn', notes: ['unknown algorithm'] };
  const notes = [
    ...(known.fail ?? []).map(failText),
    ...(known.warn ?? []).map(warnText),
    ...(known.info ?? []).map(infoText),
    ...(known.since ? [sinceNote(known.since)] : []),
  ];
  const rating = known.fail?.length ? 'fail' : known.warn?.length ? 'warn' : 'ok';
  return { name, rating, notes };
}

export function maxSeverity(list: Severity[]): Severity | undefined {
  let max: Severity | undefined;
  for (const severity of list)
    if (!max || severities.indexOf(severity) > severities.indexOf(max)) max = severity;
  return max;
}

/**
 * How bad offering this algorithm is: the worst of its failure reasons (or the table's override),
 * `low` for warnings only, undefined for ok and unknown names.
 */
export function algorithmSeverity(category: SshCategory, name: string): Severity | undefined {
  const known = algorithmKnowledge(category, name);
  if (!known) return undefined;
  if (known.fail?.length) return known.severity ?? maxSeverity(known.fail.map(failSeverity));
  return known.warn?.length ? 'low' : undefined;
}
