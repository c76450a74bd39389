import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { pino } from 'pino';
import { downloadDueFeeds } from '../../../src/modules/vulns/download-due-feeds.ts';
import { listFeedDownloads } from '../../../src/modules/vulns/list-feed-downloads.ts';
import { listFeeds } from '../../../src/modules/vulns/list-feeds.ts';
import { warnStaleFeeds } from '../../../src/modules/vulns/warn-stale-feeds.ts';
import { describeEachDialect } from '../../helpers/test-database.ts';
import { vulnDeps, type TestDeps } from './harness.ts';

const hour = 3_600_000;

function epss(scores: Record<string, number>): Buffer {
  const rows = Object.entries(scores).map(([cve, score]) => `${cve},${score.toFixed(5)},0.50000`);
  return gzipSync(
    [
      '#model_version:v2023.03.01,score_date:2025-02-20T00:00:00+0000',
      'cve,epss,percentile',
      ...rows,
      '',
    ].join('\n'),
  );
}

/** A mirror on the loopback interface whose answers the test sets. */
interface Mirror {
  url: string;
  files: Map<string, { status: number; body: Buffer }>;
  hits: string[];
  server: Server;
}

async function startMirror(): Promise<Mirror> {
  const files = new Map<string, { status: number; body: Buffer }>();
  const hits: string[] = [];
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://mirror').pathname;
    hits.push(path);
    const file = files.get(path);
    response.writeHead(file?.status ?? 404);
    response.end(file?.body ?? 'not here');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, files, hits, server };
}

describeEachDialect('scheduled feed downloads', (_dialect, fresh) => {
  let mirror: Mirror;
  let deps: TestDeps;
  const warnings: string[] = [];
  const serve = (path: string, body: Buffer, status = 200) => mirror.files.set(path, { status, body });
  const sha256 = (body: Buffer) =>
    Buffer.from(`${createHash('sha256').update(body).digest('hex')}  scores.csv.gz\n`);
  const stored = async () =>
    (
      await deps.database.db
        .selectFrom('vuln_epss')
        .select(['cve', 'epss'])
        .where('feed', '=', 'epss')
        .orderBy('cve')
        .execute()
    ).map((row) => `${row.cve}=${row.epss}`);

  before(async () => {
    mirror = await startMirror();
    const testDb = await fresh();
    deps = vulnDeps(testDb, {
      vuln: {
        staleAfterHours: 48,
        downloadLimitMegabytes: 1,
        feeds: [
          {
            name: 'epss',
            url: `${mirror.url}/epss/scores.csv.gz?token=secret`,
            sha256Url: `${mirror.url}/epss/scores.csv.gz.sha256`,
            everyHours: 24,
          },
        ],
      },
    });
    deps.logger = pino(
      { level: 'warn' },
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          warnings.push(chunk.toString());
          callback();
        },
      }),
    );
  });
  after(() => new Promise<void>((resolve) => mirror.server.close(() => resolve())));

  test('a due feed is downloaded to a file and imported; before it is due again nothing is fetched', async () => {
    const body = epss({ 'CVE-2024-0001': 0.1, 'CVE-2024-0002': 0.2 });
    serve('/epss/scores.csv.gz', body);
    serve('/epss/scores.csv.gz.sha256', sha256(body));
    assert.deepEqual(await downloadDueFeeds(deps), [{ name: 'epss', ok: true }]);
    assert.deepEqual(await stored(), ['CVE-2024-0001=0.1', 'CVE-2024-0002=0.2']);
    const [download] = await listFeedDownloads(deps.database.db);
    assert.equal(download?.error, null);
    assert.equal(download.succeededAt, deps.clock.now().toISOString());
    assert.equal(download.url, `${mirror.url}/epss/scores.csv.gz`, 'no query (it may hold a token)');
    mirror.hits.length = 0;
    deps.clock.advance(23 * hour);
    assert.deepEqual(await downloadDueFeeds(deps), []);
    assert.deepEqual(mirror.hits, []);
  });

  test('a failed download is kept and logged, and the imported feed stays in use', async () => {
    serve('/epss/scores.csv.gz', Buffer.from('busy'), 503);
    deps.clock.advance(2 * hour);
    const [outcome] = await downloadDueFeeds(deps);
    assert.equal(outcome?.ok, false);
    assert.match(outcome.error ?? '', /HTTP 503/);
    assert.match((await listFeedDownloads(deps.database.db))[0]?.error ?? '', /HTTP 503/);
    assert.ok(warnings.some((line) => line.includes('vulnerability feed download failed')));
    assert.equal(
      warnings.some((line) => line.includes('secret')),
      false,
      'the URL’s token is not logged',
    );
    assert.deepEqual(await stored(), ['CVE-2024-0001=0.1', 'CVE-2024-0002=0.2']);
  });

  test('a download whose checksum does not match, or that is too large, is not imported', async () => {
    const changed = epss({ 'CVE-2024-0001': 0.9 });
    serve('/epss/scores.csv.gz', changed);
    serve('/epss/scores.csv.gz.sha256', sha256(epss({ other: 1 })));
    deps.clock.advance(25 * hour);
    const [mismatch] = await downloadDueFeeds(deps);
    assert.equal(mismatch?.ok, false);
    assert.match(mismatch.error ?? '', /checksum|sha256|SHA-256/i);
    assert.deepEqual(await stored(), ['CVE-2024-0001=0.1', 'CVE-2024-0002=0.2']);

    serve('/epss/scores.csv.gz', Buffer.alloc(2 * 1024 * 1024, 0x41));
    deps.clock.advance(25 * hour);
    const [large] = await downloadDueFeeds(deps);
    assert.match(large?.error ?? '', /larger than 1048576 bytes/);

    serve('/epss/scores.csv.gz', changed);
    serve('/epss/scores.csv.gz.sha256', sha256(changed));
    deps.clock.advance(25 * hour);
    assert.deepEqual(await downloadDueFeeds(deps), [{ name: 'epss', ok: true }]);
    assert.deepEqual(await stored(), ['CVE-2024-0001=0.9']);
    assert.equal((await listFeedDownloads(deps.database.db))[0]?.error, null);
  });

  test('a feed older than vuln.staleAfterHours is shown stale and warned about', async () => {
    assert.deepEqual(await warnStaleFeeds(deps), []);
    deps.clock.advance(49 * hour);
    assert.deepEqual(await warnStaleFeeds(deps), ['epss']);
    assert.equal((await listFeeds(deps.database.db, deps.clock.now(), 48))[0]?.stale, true);
    assert.ok(
      warnings.some((line) => line.includes('vulnerability feed is stale') && line.includes('"feed":"epss"')),
    );
  });
});
