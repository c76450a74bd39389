import type { Command } from 'commander';
import { createNotifier } from '../../modules/notify/create-notifier.ts';
import { createLogger } from '../../platform/logger.ts';
import { version } from '../../server/version.ts';
import { UsageError } from '../cli-error.ts';
import { configFrom, type GlobalOptions } from '../context.ts';

export function registerNotify(program: Command): void {
  const notify = program
    .command('notify')
    .description('alert notification channels (see docs/notifications.md)');

  notify
    .command('list')
    .description('the configured channels and what each receives')
    .action((_opts: unknown, command: Command) => {
      const { channels } = configFrom(command.optsWithGlobals<GlobalOptions>()).notify;
      if (channels.length === 0)
        process.stdout.write('(no channels: add notify.channels to the configuration)\n');
      for (const channel of channels) {
        const tags = channel.tags ? `, tags ${channel.tags.join(' ')}` : '';
        process.stdout.write(`${channel.name}  ${channel.type}  severity ≥ ${channel.minSeverity}${tags}\n`);
      }
    });

  notify
    .command('test')
    .description('send a test alert to one channel now; exits 1 if it fails')
    .argument('<channel>', 'channel name')
    .action(async (name: string, _opts: unknown, command: Command) => {
      const { channels } = configFrom(command.optsWithGlobals<GlobalOptions>()).notify;
      if (!channels.some((channel) => channel.name === name)) {
        throw new UsageError(
          `no channel named "${name}" (configured: ${channels.map((c) => c.name).join(', ') || 'none'})`,
        );
      }
      const notifier = createNotifier(channels, { logger: createLogger({ level: 'silent' }), version });
      try {
        await notifier.test(name);
        process.stdout.write(`test alert sent to ${name}\n`);
      } catch (error) {
        process.stderr.write(`vigil: ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 1;
      } finally {
        await notifier.close();
      }
    });
}
