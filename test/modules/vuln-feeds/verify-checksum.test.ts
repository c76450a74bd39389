import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { isFeedError } from '../../../src/modules/vuln-feeds/feed-error.ts';
import { verifyFeedChecksum } from '../../../src/modules/vuln-feeds/verify-checksum.ts';
import { scratchDir } from './feed-fixtures.ts';

const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');

describe('verifyFeedChecksum', () => {
  test('a file: its hash, checked against a sidecar or a given sha256sum file', async (t) => {
    const dir = await scratchDir(t);
    const feed = join(dir, 'kev.json');
    await writeFile(feed, '{"a": 1}');
    const hash = sha256('{"a": 1}');
    assert.equal(await verifyFeedChecksum(feed), hash, 'no checksum file: just the hash');
    await writeFile(`${feed}.sha256`, `${hash.toUpperCase()}  kev.json\n`);
    assert.equal(await verifyFeedChecksum(feed), hash);
    const sums = join(dir, 'SHA256SUMS');
    await writeFile(sums, `${sha256('other')}  other.json\n${hash} *kev.json\n`);
    assert.equal(await verifyFeedChecksum(feed, sums), hash, 'binary-mode mark and other files in the list');
    const bare = join(dir, 'bare.sha256');
    await writeFile(bare, `${hash}\n`);
    assert.equal(await verifyFeedChecksum(feed, bare), hash, 'a lone hash applies whatever the name');
  });

  test('a mismatch throws feed.checksum_mismatch; a list without the file or without hashes, feed.invalid', async (t) => {
    const dir = await scratchDir(t);
    const feed = join(dir, 'all.zip');
    await writeFile(feed, 'zip bytes');
    await writeFile(`${feed}.sha256`, `${sha256('tampered')}  all.zip\n`);
    await assert.rejects(verifyFeedChecksum(feed), (error) => {
      assert.ok(isFeedError(error, 'feed.checksum_mismatch'));
      assert.equal(
        error.message,
        `${feed}: SHA-256 is ${sha256('zip bytes')}, ${feed}.sha256 expects ${sha256('tampered')}`,
      );
      return true;
    });
    const list = join(dir, 'list');
    await writeFile(list, `${sha256('a')}  a\n${sha256('b')}  b\n`);
    await assert.rejects(verifyFeedChecksum(feed, list), (error) => isFeedError(error, 'feed.invalid'));
    const junk = join(dir, 'junk');
    await writeFile(junk, 'not a checksum\n');
    await assert.rejects(verifyFeedChecksum(feed, junk), (error) => isFeedError(error, 'feed.invalid'));
    await assert.rejects(verifyFeedChecksum(feed, join(dir, 'absent')), (error) =>
      isFeedError(error, 'feed.unreadable'),
    );
    await assert.rejects(verifyFeedChecksum(join(dir, 'absent')), (error) =>
      isFeedError(error, 'feed.unreadable'),
    );
  });

  test('a directory: sorted relative paths and contents, links not followed; any change shows', async (t) => {
    const dir = await scratchDir(t);
    const feed = join(dir, 'osv');
    await mkdir(join(feed, 'b'), { recursive: true });
    await writeFile(join(feed, 'b', 'x.json'), 'X');
    await writeFile(join(feed, 'a-c.json'), 'AC');
    await symlink(join(feed, 'a-c.json'), join(feed, 'link.json'));
    const expected = createHash('sha256')
      .update('a-c.json\u00002\u0000AC')
      .update('b/x.json\u00001\u0000X')
      .digest('hex');
    assert.equal(await verifyFeedChecksum(feed), expected);
    await writeFile(`${feed}.sha256`, `${expected}  osv\n`);
    assert.equal(await verifyFeedChecksum(`${feed}/`), expected, 'a trailing slash finds the same sidecar');
    await writeFile(join(feed, 'b', 'x.json'), 'Y');
    await assert.rejects(verifyFeedChecksum(feed), (error) => isFeedError(error, 'feed.checksum_mismatch'));
  });
});
