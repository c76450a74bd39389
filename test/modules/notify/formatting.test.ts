import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cefMessage } from '../../../src/modules/notify/cef-message.ts';
import { clipText } from '../../../src/modules/notify/clip-text.ts';
import { emailMessage } from '../../../src/modules/notify/email-message.ts';
import { cefExtensionValue, cefHeaderField } from '../../../src/modules/notify/escape-cef.ts';
import { octetCounted } from '../../../src/modules/notify/syslog-frame.ts';
import { hostile, notice } from './notify-fixtures.ts';

test('CEF escaping: header and extension rules differ, other controls are neutralized', () => {
  assert.equal(cefHeaderField(hostile), String.raw`a\|b=c\\d INJECT`);
  assert.equal(cefExtensionValue(hostile), String.raw`a|b\=c\\d\nINJECT`);
  assert.equal(cefExtensionValue('CR\rLF\nCRLF\r\n'), String.raw`CR\rLF\nCRLF\r\n`);
  assert.equal(cefHeaderField('CRLF\r\nend'), 'CRLF end');
  assert.equal(cefExtensionValue('tab\tnul\0esc\x1b[0m'), 'tab nul\uFFFDesc\uFFFD[0m');
  assert.equal(cefExtensionValue(String.raw`\=`), String.raw`\\\=`);
});

test('CEF: a line too long for the message is cut without leaving half an escape or a character', () => {
  for (const line of [
    '\\'.repeat(5000),
    '='.repeat(5000),
    'é'.repeat(5000),
    '😀'.repeat(5000),
    `x${'\\'.repeat(4999)}`,
  ]) {
    const cef = cefMessage(notice({ evidence: [line] }), { version: '1' }, 1500);
    assert.ok(Buffer.byteLength(cef) <= 1500, `${Buffer.byteLength(cef)} bytes`);
    const msg = cef.slice(cef.indexOf(' msg=') + 5);
    assert.ok(msg.endsWith('…'));
    assert.ok(msg.length <= 1023);
    const body = msg.slice(0, -1);
    assert.equal((/\\*$/.exec(body)?.[0].length ?? 0) % 2, 0, 'no dangling backslash');
    assert.ok(!/[\uD800-\uDBFF]$/.test(body), 'no half surrogate pair');
  }
});

test('CEF: IPv6 and named sources use their own keys; absent entities are left out', () => {
  const cef = (srcIp?: string) =>
    cefMessage(
      notice({ entities: srcIp === undefined ? {} : { srcIp }, evidence: [] }),
      { version: '1' },
      4000,
    );
  assert.ok(cef('2001:db8::1').includes(' c6a2Label=Source IPv6 Address c6a2=2001:db8::1 '));
  assert.ok(cef('scanner.example.net').includes(' shost=scanner.example.net '));
  assert.ok(!/ (src|duser|dhost|msg)=/.test(cef()));
});

test('text is clipped with an ellipsis inside the limit, never splitting a pair', () => {
  assert.equal(clipText('abcdef', 6), 'abcdef');
  assert.equal(clipText('abcdefg', 6), 'abcde…');
  assert.equal(clipText('abcd😀xyz', 6), 'abcd…');
  const subject = emailMessage(notice({ rule: { ...notice().rule, title: 'x'.repeat(500) } }), {
    version: '1',
  }).subject;
  assert.equal(subject.length, 200);
});

test('email: line separators and bidirectional overrides cannot disguise text', () => {
  const { subject, text } = emailMessage(
    notice({ entities: { user: 'admin\u2028Severity: low\u202Egnp.exe' }, evidence: ['a\u2029b\u2066c'] }),
    { version: '1' },
  );
  assert.ok(subject.includes('user admin\uFFFDSeverity: low\uFFFDgnp.exe'));
  assert.ok(text.includes('\n  a\uFFFDb\uFFFDc\n'));
});

test('octet counting counts bytes, not characters', () => {
  assert.equal(octetCounted(Buffer.from('<13>1 - - - - - é')).toString('utf8'), '18 <13>1 - - - - - é');
});
