import type { AlertNotice } from './alert-notice.ts';

/** What `test(channel)` sends: plainly a test, so nobody acts on it, but shaped like any alert. */
export function testNotice(now: Date): AlertNotice {
  const time = now.getTime();
  return {
    alertId: 'test',
    outcome: 'created',
    rule: {
      id: 'vigil.test',
      title: 'Vigil test notification (no action needed)',
      severity: 'informational',
      tags: ['vigil.test'],
      attack: [],
    },
    entities: {},
    count: 1,
    firstSeen: time,
    lastSeen: time,
    evidence: [`${now.toISOString()} vigil: test notification`],
  };
}
