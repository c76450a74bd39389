export interface NeedrestartReport {
  /** Units needrestart would restart (`NEEDRESTART-SVC`). */
  services: string[];
  /** A newer kernel is installed than the one running (`NEEDRESTART-KSTA` 2 or 3). */
  kernelPending: boolean;
}

/**
 * Reads `needrestart -b` (batch mode): `KEY: value` lines such as
 * `NEEDRESTART-SVC: ssh.service` and `NEEDRESTART-KSTA: 3`.
 */
export function parseNeedrestart(text: string): NeedrestartReport {
  const services = new Set<string>();
  let kernelPending = false;
  for (const raw of text.split('\n')) {
    const colon = raw.indexOf(': ');
    if (colon < 0) continue;
    const key = raw.slice(0, colon);
    const value = raw.slice(colon + 2).trim();
    if (key === 'NEEDRESTART-SVC' && value !== '') services.add(value.slice(0, 256));
    if (key === 'NEEDRESTART-KSTA') kernelPending = value === '2' || value === '3';
  }
  return { services: [...services].sort(), kernelPending };
}
