import { createWriteStream, openSync } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { exportChunks } from '../../modules/audit/export-chunks.ts';
import { listAudit, verifyAudit } from '../../modules/audit/store.ts';
import type { AuditEntry } from '../../protocol/audit.ts';
import { withDeps, type GlobalOptions } from '../context.ts';
import { render, type Column, type Format } from '../output.ts';
import { parseFormat } from '../parse.ts';
import { UsageError } from '../cli-error.ts';
import { registerAuditHost } from './audit-host.ts';

const columns: Column<AuditEntry>[] = [
  { header: 'seq', value: (e) => e.seq },
  { header: 'time', value: (e) => e.at },
  { header: 'actor', value: (e) => e.actor },
  { header: 'action', value: (e) => e.action },
  { header: 'target', value: (e) => e.target },
  { header: 'source', value: (e) => e.sourceIp },
  { header: 'status', value: (e) => e.status },
  { header: 'outcome', value: (e) => e.outcome },
];

export function registerAudit(program: Command): void {
  const audit = program
    .command('audit')
    .description(
      'audit hosts against security policies; read, export and verify the tamper-evident audit log',
    );
  registerAuditHost(audit);

  audit
    .command('list')
    .description('recent audit entries, newest first')
    .option('--limit <n>', 'how many', (v) => Number(v), 50)
    .option('--format <format>', 'table, json or jsonl', parseFormat, 'table')
    .action(async (opts: { limit: number; format: Format }, command: Command) => {
      if (!Number.isInteger(opts.limit) || opts.limit < 1 || opts.limit > 1000)
        throw new UsageError('--limit: expected 1–1000');
      const page = await withDeps(command.optsWithGlobals<GlobalOptions>(), (deps) =>
        listAudit(deps.database.db, { limit: opts.limit }),
      );
      process.stdout.write(render(page.entries, columns, opts.format));
    });

  audit
    .command('verify')
    .description('recompute the hash chain; exits 1 if it is broken')
    .option('--format <format>', 'table or json', parseFormat, 'table')
    .action(async (opts: { format: Format }, command: Command) => {
      const result = await withDeps(command.optsWithGlobals<GlobalOptions>(), (deps) =>
        verifyAudit(deps.database.db),
      );
      if (opts.format === 'table') {
        process.stdout.write(
          result.ok
            ? `audit chain intact: ${result.checked} entries, head ${result.headSeq ?? '-'} ${result.headHash ?? ''}\n`
            : `AUDIT CHAIN BROKEN at entry ${result.firstBadSeq ?? '?'}: ${result.reason ?? ''} (${result.checked} entries before it are intact)\n`,
        );
      } else {
        process.stdout.write(`${JSON.stringify(result)}\n`);
      }
      if (!result.ok) process.exitCode = 1;
    });

  audit
    .command('export')
    .description('write the whole log, oldest first, as JSON lines (or a JSON array)')
    .option('--format <format>', 'jsonl or json', parseFormat, 'jsonl')
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .action(async (opts: { format: Format; output?: string }, command: Command) => {
      const format = opts.format;
      if (format === 'table') throw new UsageError('--format: export writes json or jsonl');
      const out =
        opts.output === undefined ? process.stdout : createWriteStream('', { fd: openNew(opts.output) });
      await withDeps(command.optsWithGlobals<GlobalOptions>(), async (deps) => {
        for await (const chunk of exportChunks(deps.database.db, format)) {
          if (!out.write(chunk)) await once(out, 'drain');
        }
      });
      if (out !== process.stdout) await new Promise<void>((resolve) => out.end(resolve));
    });
}

/** Refuses to overwrite: an export is evidence, and clobbering an older one loses it. */
function openNew(path: string): number {
  try {
    return openSync(path, 'wx', 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UsageError(`--output: cannot create ${path}: ${code === 'EEXIST' ? 'file exists' : code}`);
  }
}
