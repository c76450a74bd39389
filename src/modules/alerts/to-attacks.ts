import type { AlertAttack } from '../../protocol/alerts.ts';

/** ATT&CK Enterprise tactics by the names Sigma tags use, with their ids and captions. */
const tactics: Record<string, { uid: string; name: string }> = {
  reconnaissance: { uid: 'TA0043', name: 'Reconnaissance' },
  'resource-development': { uid: 'TA0042', name: 'Resource Development' },
  'initial-access': { uid: 'TA0001', name: 'Initial Access' },
  execution: { uid: 'TA0002', name: 'Execution' },
  persistence: { uid: 'TA0003', name: 'Persistence' },
  'privilege-escalation': { uid: 'TA0004', name: 'Privilege Escalation' },
  'defense-evasion': { uid: 'TA0005', name: 'Defense Evasion' },
  'credential-access': { uid: 'TA0006', name: 'Credential Access' },
  discovery: { uid: 'TA0007', name: 'Discovery' },
  'lateral-movement': { uid: 'TA0008', name: 'Lateral Movement' },
  collection: { uid: 'TA0009', name: 'Collection' },
  'command-and-control': { uid: 'TA0011', name: 'Command and Control' },
  exfiltration: { uid: 'TA0010', name: 'Exfiltration' },
  impact: { uid: 'TA0040', name: 'Impact' },
};

const technique = /^t\d{4}(\.\d{3})?$/i;

/**
 * Sigma tags name techniques and tactics side by side without saying which
 * technique serves which tactic. With one tactic every technique is paired
 * with it; with several, techniques and tactics are listed apart rather than
 * paired wrongly. Group and software ids (G…, S…) are not attacks.
 */
export function toAttacks(attack: readonly string[]): AlertAttack[] {
  const names = attack.map((tag) => tag.trim().replace(/^attack\./i, ''));
  const techniques = [...new Set(names.filter((n) => technique.test(n)).map((n) => n.toUpperCase()))];
  const named = [
    ...new Set(
      names.map((n) => tactics[n.toLowerCase().replaceAll('_', '-')]).filter((t) => t !== undefined),
    ),
  ];
  const [only] = named;
  if (named.length === 1 && only !== undefined && techniques.length > 0) {
    return techniques.map((uid) => ({ technique: { uid }, tactic: only }));
  }
  return [...techniques.map((uid) => ({ technique: { uid } })), ...named.map((tactic) => ({ tactic }))];
}
