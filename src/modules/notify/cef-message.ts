import { isIP } from 'node:net';
import type { Severity } from '../../protocol/finding.ts';
import { clippedEvidence, type AlertNotice } from './alert-notice.ts';
import { cefExtensionValue, cefHeaderField } from './escape-cef.ts';

/** CEF's 0–10 scale: 0–3 low, 4–6 medium, 7–8 high, 9–10 very high. */
const cefSeverity: Record<Severity, number> = { informational: 0, low: 3, medium: 5, high: 8, critical: 10 };

/** The CEF dictionary caps `msg` at 1023 characters. */
const maxMsgChars = 1023;

/**
 * `CEF:0|Vigil|Vigil|<version>|<rule id>|<title>|<0-10>|<extension>`, at most
 * `maxBytes` of UTF-8: the evidence in `msg` (newest lines first to go in) is
 * what gets trimmed. docs/notifications.md has the field table.
 */
export function cefMessage(notice: AlertNotice, product: { version: string }, maxBytes: number): string {
  const header = [
    'CEF:0',
    'Vigil',
    'Vigil',
    cefHeaderField(product.version),
    cefHeaderField(notice.rule.id),
    cefHeaderField(notice.rule.title),
    String(cefSeverity[notice.rule.severity]),
  ].join('|');
  const { srcIp, user, host } = notice.entities;
  const fields: [string, string | number | undefined][] = [
    ['rt', notice.lastSeen],
    ['start', notice.firstSeen],
    ['end', notice.lastSeen],
    ['cnt', notice.count],
    ['externalId', notice.alertId],
    ['act', notice.outcome],
    ...sourceFields(srcIp),
    ['duser', user],
    ['dhost', host],
    ...customString('cs1', 'tags', notice.rule.tags.join(',')),
    ...customString('cs2', 'attack', notice.rule.attack.join(',')),
    ...customString('cs3', 'url', notice.url),
  ];
  const extension = fields
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${key}=${cefExtensionValue(String(value))}`)
    .join(' ');
  const withoutMsg = `${header}|${extension}`;
  const msg = fitEvidence(clippedEvidence(notice), maxBytes - Buffer.byteLength(withoutMsg) - ' msg='.length);
  return msg === '' ? withoutMsg : `${withoutMsg} msg=${msg}`;
}

/** `src` is IPv4 only; the dictionary gives IPv6 sources `c6a2`, and names go to `shost`. */
function sourceFields(srcIp: string | undefined): [string, string][] {
  if (srcIp === undefined) return [];
  const family = isIP(srcIp);
  if (family === 4) return [['src', srcIp]];
  if (family === 6)
    return [
      ['c6a2Label', 'Source IPv6 Address'],
      ['c6a2', srcIp],
    ];
  return [['shost', srcIp]];
}

/** CEF's custom fields carry their meaning in a `<key>Label` beside them. */
function customString(key: string, label: string, value: string | undefined): [string, string][] {
  return value
    ? [
        [`${key}Label`, label],
        [key, value],
      ]
    : [];
}

/** Escaped lines joined by `\n`, keeping the newest that fit in `maxBytes` and in CEF's `msg` limit. */
function fitEvidence(lines: string[], maxBytes: number): string {
  const kept: string[] = [];
  let bytes = 0;
  let chars = 0;
  for (const line of lines.toReversed()) {
    const escaped = cefExtensionValue(line);
    const separator = kept.length > 0 ? 2 : 0;
    const lineBytes = Buffer.byteLength(escaped);
    if (bytes + lineBytes + separator > maxBytes || chars + escaped.length + separator > maxMsgChars) {
      if (kept.length === 0) kept.push(cutEscaped(escaped, maxBytes, maxMsgChars));
      break;
    }
    kept.unshift(escaped);
    bytes += lineBytes + separator;
    chars += escaped.length + separator;
  }
  return kept.filter((line) => line !== '').join('\\n');
}

/** A prefix and `…` within both limits, never ending inside an escape sequence or a character. */
function cutEscaped(escaped: string, maxBytes: number, maxChars: number): string {
  let out = '';
  let bytes = 0;
  for (const char of escaped) {
    const size = Buffer.byteLength(char);
    if (bytes + size + 3 > maxBytes || out.length + char.length + 1 > maxChars) break;
    out += char;
    bytes += size;
  }
  const trailingBackslashes = /\\*$/.exec(out)?.[0].length ?? 0;
  if (trailingBackslashes % 2 === 1) out = out.slice(0, -1);
  return out === '' ? '' : `${out}…`;
}
