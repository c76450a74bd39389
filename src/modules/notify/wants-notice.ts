import { severities } from '../../protocol/finding.ts';
import type { AlertNotice } from './alert-notice.ts';
import type { NotifyChannel } from '../../protocol/notify-config.ts';

/** Whether a channel is told of this notice: severity, then tags, then whether updates count. */
export function wantsNotice(channel: NotifyChannel, notice: AlertNotice): boolean {
  if (severities.indexOf(notice.rule.severity) < severities.indexOf(channel.minSeverity)) return false;
  if (channel.tags !== undefined) {
    const wanted = new Set(channel.tags.map((tag) => tag.toLowerCase()));
    if (!notice.rule.tags.some((tag) => wanted.has(tag.toLowerCase()))) return false;
  }
  return notice.outcome !== 'updated' || channel.onUpdates;
}
