import type { AlertNotice } from './alert-notice.ts';

/** `source 203.0.113.9, user root, host web-1`, for subjects and one-line messages. Not escaped. */
export function entitySummary(notice: AlertNotice): string {
  const { srcIp, user, host } = notice.entities;
  return [srcIp && `source ${srcIp}`, user && `user ${user}`, host && `host ${host}`]
    .filter(Boolean)
    .join(', ');
}

const outcomeWords: Record<AlertNotice['outcome'], string> = {
  created: 'New alert',
  updated: 'Alert updated',
  reopened: 'Alert reopened',
};

export function outcomeWord(notice: AlertNotice): string {
  return outcomeWords[notice.outcome];
}
