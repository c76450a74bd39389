import assert from 'node:assert/strict';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { freePort, startVigil, type VigilProcess } from '../helpers/child-process.ts';
import { runTs } from '../helpers/run-ts.ts';
import { describeEachDialect } from '../helpers/test-database.ts';

const lineCount = 3000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeEachDialect('no event lost', (_dialect, fresh) => {
  test(`server and agent each killed -9 mid-stream: exactly ${lineCount} events stored`, async () => {
    const db = await fresh();
    const port = await freePort();
    const env = {
      VIGIL_PORT: String(port),
      VIGIL_LOG_LEVEL: 'warn',
      VIGIL_ADMIN_PASSWORD: 'correct-horse-battery-7',
    };
    const serverArgs = [
      '--data-dir',
      join(db.dataDir, 'server'),
      '--database-url',
      db.url,
      'serve',
      '--no-local-agent',
    ];
    const agentDir = join(db.dataDir, 'agent');
    const logFile = join(db.dataDir, 'app.log');
    writeFileSync(logFile, '');
    const running: VigilProcess[] = [];
    const start = (args: string[]) => {
      const child = startVigil(args, env);
      running.push(child);
      return child;
    };
    try {
      let server = start(serverArgs);
      await server.waitFor(/Vigil is running at/);
      const token = await runTs(
        'src/cli/main.ts',
        [
          '--data-dir',
          join(db.dataDir, 'server'),
          '--database-url',
          db.url,
          'agents',
          'token',
          'create',
          '--max-uses',
          '1',
        ],
        { env, check: true },
      );
      const agentArgs = [
        '--data-dir',
        agentDir,
        'agent',
        '--log',
        logFile,
        '--from-start',
        '--no-inventory',
        '--no-fim',
        '--no-journal',
        '--no-firewall',
      ];
      let agent = start([...agentArgs, '--token', token.stdout.trim()]);
      while ((await db.database.db.selectFrom('agents').select('id').execute()).length === 0)
        await sleep(100);

      for (let written = 0; written < lineCount;) {
        const chunk = Array.from(
          { length: 25 },
          (_, i) =>
            `${new Date().toISOString()} app[1]: event number ${String(written + i).padStart(6, '0')}\n`,
        );
        appendFileSync(logFile, chunk.join(''));
        written += chunk.length;
        if (written === 1000) {
          await server.kill9();
          await sleep(500);
          server = start(serverArgs);
          await server.waitFor(/Vigil is running at/);
        }
        if (written === 2000) {
          await agent.kill9();
          agent = start(agentArgs);
        }
        await sleep(10);
      }

      const deadline = Date.now() + 60_000;
      let stored: { data: string }[] = [];
      while (Date.now() < deadline) {
        stored = await db.database.db.selectFrom('events').select('data').where('kind', '=', 'log').execute();
        if (stored.length >= lineCount) break;
        await sleep(250);
      }
      await sleep(1000);
      stored = await db.database.db.selectFrom('events').select('data').where('kind', '=', 'log').execute();
      const numbers = stored.map(
        (row) => /event number (\d{6})/.exec((JSON.parse(row.data) as { line: string }).line)?.[1],
      );
      assert.equal(
        stored.length,
        lineCount,
        `stored ${stored.length} of ${lineCount}\n${running.map((c) => c.output().slice(-1500)).join('\n---\n')}`,
      );
      assert.equal(new Set(numbers).size, lineCount, 'every line exactly once');
      assert.ok(numbers.every((n) => n !== undefined && Number(n) < lineCount));
    } finally {
      await Promise.all(running.map((child) => child.stop()));
    }
  });
});
