import { clippedEvidence, type AlertNotice } from './alert-notice.ts';
import { escapeHtml } from './escape-html.ts';
import { entitySummary, outcomeWord } from './notice-summary.ts';
import { oneLine, printable } from './printable.ts';

export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
}

/**
 * Plain on purpose: no images, no scripts, no styles a mail client might
 * fetch. Every value passes through `printable` (text) or `escapeHtml` (HTML),
 * and the subject through `oneLine`, so no input can add a header or a line
 * that looks like ours.
 */
export function emailMessage(notice: AlertNotice, product: { version: string }): EmailMessage {
  const severity = notice.rule.severity.toUpperCase();
  const entities = entitySummary(notice);
  const subject = oneLine(
    `[Vigil ${severity}] ${notice.outcome === 'created' ? '' : `${outcomeWord(notice)}: `}${notice.rule.title}${entities ? ` (${entities})` : ''}`,
    200,
  );
  const fields = noticeFields(notice);
  const evidence = clippedEvidence(notice).map(printable);
  const omitted = notice.evidence.length - evidence.length;
  const footer = `Sent by Vigil ${product.version}. Log lines are quoted as found; control characters are shown as \uFFFD.`;

  const text = [
    `${outcomeWord(notice)}: ${printable(notice.rule.title)}`,
    '',
    ...fields.map(([label, value]) => `${label}: ${printable(value)}`),
    ...(notice.url ? ['', `Open in Vigil: ${printable(notice.url)}`] : []),
    '',
    `Evidence (${evidence.length}${omitted > 0 ? ` newest of ${notice.evidence.length}` : ''} lines):`,
    ...evidence.map((line) => `  ${line}`),
    '',
    '-- ',
    footer,
    '',
  ].join('\n');

  const rows = fields
    .map(
      ([label, value]) =>
        `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(printable(value))}</td></tr>`,
    )
    .join('\n');
  const html = [
    '<!doctype html>',
    '<html><body>',
    `<h2>${escapeHtml(outcomeWord(notice))}: ${escapeHtml(printable(notice.rule.title))}</h2>`,
    `<table>\n${rows}\n</table>`,
    ...(notice.url && /^https?:\/\//i.test(notice.url)
      ? [`<p><a href="${escapeHtml(notice.url)}">Open in Vigil</a></p>`]
      : []),
    `<h3>Evidence</h3>`,
    `<pre>${evidence.map(escapeHtml).join('\n')}</pre>`,
    `<p><small>${escapeHtml(footer)}</small></p>`,
    '</body></html>',
    '',
  ].join('\n');

  return { subject, text, html };
}

function noticeFields(notice: AlertNotice): [string, string][] {
  const { srcIp, user, host } = notice.entities;
  const fields: [string, string | undefined][] = [
    ['Severity', notice.rule.severity],
    ['Rule', notice.rule.id],
    ['Source', srcIp],
    ['User', user],
    ['Host', host],
    ['Events', String(notice.count)],
    ['First seen', new Date(notice.firstSeen).toISOString()],
    ['Last seen', new Date(notice.lastSeen).toISOString()],
    ['ATT&CK', notice.rule.attack.join(', ') || undefined],
    ['Tags', notice.rule.tags.join(', ') || undefined],
    ['Alert', notice.alertId],
  ];
  return fields.filter((field): field is [string, string] => field[1] !== undefined && field[1] !== '');
}
