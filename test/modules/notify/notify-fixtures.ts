import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { AlertNotice } from '../../../src/modules/notify/alert-notice.ts';
import { NotifyChannel, type NotifyChannelInput } from '../../../src/protocol/notify-config.ts';
import type { Logger } from '../../../src/platform/logger.ts';

/** Every character that CEF, syslog, HTML or a mail header could mistake for syntax. */
export const hostile = 'a|b=c\\d\nINJECT';

export function notice(overrides: Partial<AlertNotice> = {}): AlertNotice {
  return {
    alertId: 'al_1',
    outcome: 'created',
    rule: {
      id: 'ssh-brute-force',
      title: 'SSH brute force from one source',
      severity: 'high',
      tags: ['attack.credential-access', 'attack.t1110.001', 'ssh'],
      attack: ['T1110.001', 'credential-access'],
    },
    entities: { srcIp: '203.0.113.9', user: 'root', host: 'web-1' },
    count: 8,
    firstSeen: Date.parse('2026-03-01T10:00:00Z'),
    lastSeen: Date.parse('2026-03-01T10:01:30Z'),
    url: 'https://vigil.example.com/alerts/al_1',
    evidence: ['Mar  1 10:01:30 web-1 sshd[811]: Failed password for root from 203.0.113.9 port 52144 ssh2'],
    ...overrides,
  };
}

export function channel(input: NotifyChannelInput): NotifyChannel {
  return NotifyChannel.parse(input);
}

/** A real pino logger whose lines the test can read. */
export function captureLogger(): {
  logger: Logger;
  lines: () => Record<string, unknown>[];
  text: () => string;
} {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = pino({ level: 'trace' }, stream);
  const text = () => chunks.join('');
  const lines = () =>
    text()
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, text };
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
