import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SyslogFramer } from '../../src/modules/syslog/syslog-framer.ts';

/** Feeds the stream in pieces of the given size and returns the frames as text, and whether it was refused. */
function frame(stream: string | Buffer, options: { max?: number; piece?: number } = {}) {
  const bytes = typeof stream === 'string' ? Buffer.from(stream) : stream;
  const framer = new SyslogFramer(options.max ?? 1024);
  const piece = options.piece ?? bytes.length;
  const frames: string[] = [];
  for (let i = 0; i < bytes.length; i += piece) {
    const out = framer.push(bytes.subarray(i, i + piece));
    frames.push(...out.frames.map((f) => f.toString()));
    if (out.oversized) return { frames, oversized: true };
  }
  const last = framer.end();
  if (last) frames.push(last.toString());
  return { frames, oversized: false };
}

const mixed = '24 <13>1 - - - - - - octets\n<13>Oct 11 22:14:15 h a: line one\n11 <13>two\nmsg\r\n<14>nul\0';

test('octet-counted and LF-terminated frames mix in one stream, decided per frame', () => {
  assert.deepEqual(frame(mixed), {
    frames: ['<13>1 - - - - - - octets', '<13>Oct 11 22:14:15 h a: line one', '<13>two\nmsg', '<14>nul'],
    oversized: false,
  });
});

test('any split across chunks gives the same frames', () => {
  const whole = frame(mixed);
  for (const piece of [1, 2, 3, 5, 7, 13])
    assert.deepEqual(frame(mixed, { piece }), whole, `pieces of ${piece}`);
});

test('an octet-counted frame may hold LF, NUL and anything else', () => {
  const body = Buffer.from('a\nb\0c\r\nd');
  const stream = Buffer.concat([Buffer.from(`${body.length} `), body]);
  assert.deepEqual(frame(stream).frames, ['a\nb\0c\r\nd']);
});

test('octet counts are bytes, not characters', () => {
  const body = 'héllo ✓';
  assert.deepEqual(frame(`${Buffer.byteLength(body)} ${body}3 abc`).frames, [body, 'abc']);
});

test('a line that starts with digits is a line', () => {
  assert.deepEqual(frame('2026-11-25T21:29:56Z host app: x\n12345\n').frames, [
    '2026-11-25T21:29:56Z host app: x',
    '12345',
  ]);
});

test('blank lines, CRLF and zero-length frames give no messages', () => {
  assert.deepEqual(frame('\n\r\n\0a\r\n\n0 b\n').frames, ['a', 'b']);
});

test('a last line without LF is a message; a cut octet-counted frame is not', () => {
  assert.deepEqual(frame('a\nb').frames, ['a', 'b']);
  assert.deepEqual(frame('a\n10 short').frames, ['a']);
});

test('a declared length over the limit is refused before its body is read', () => {
  assert.deepEqual(frame('ok\n1025 ', { max: 1024 }), { frames: ['ok'], oversized: true });
  assert.deepEqual(frame(`1024 ${'x'.repeat(1024)}`, { max: 1024 }).frames, ['x'.repeat(1024)]);
  assert.equal(frame(`99999999999999999999999 x`, { max: 1024 }).oversized, true);
});

test('a line over the limit is refused as soon as it is too long, in one chunk or many', () => {
  for (const piece of [1, 100, 5000]) {
    assert.deepEqual(frame(`ok\n${'y'.repeat(1025)}\n`, { max: 1024, piece }), {
      frames: ['ok'],
      oversized: true,
    });
  }
  assert.deepEqual(frame(`${'y'.repeat(1024)}\n`, { max: 1024, piece: 7 }).frames, ['y'.repeat(1024)]);
});

test('digits without end are bounded too', () => {
  assert.equal(frame('1'.repeat(2000), { max: 1024, piece: 1 }).oversized, true);
});

test('a frame that arrives whole is not copied; the next frame does not overwrite an earlier one', () => {
  const framer = new SyslogFramer(1024);
  const chunk = Buffer.from('abc\n');
  const [whole] = framer.push(chunk).frames;
  assert.equal(whole?.buffer, chunk.buffer);
  // Frames gathered from pieces are read only at the end: none may share a buffer with a later one.
  const frames = ['12', '34x first\nse', 'cond\n', 'th', 'ird\n'].flatMap(
    (piece) => framer.push(Buffer.from(piece)).frames,
  );
  assert.deepEqual(frames.map(String), ['1234x first', 'second', 'third']);
});

test('a trickle of one byte at a time is linear', () => {
  const framer = new SyslogFramer(1024 * 1024);
  const byte = Buffer.from('x');
  const started = performance.now();
  for (let i = 0; i < 1024 * 1024 - 1; i++) framer.push(byte);
  const { frames } = framer.push(Buffer.from('\n'));
  assert.equal(frames[0]?.length, 1024 * 1024 - 1);
  assert.ok(performance.now() - started < 2000);
});
