import type { Command } from 'commander';
import { changePassword, createAccount } from '../../modules/users/accounts.ts';
import { findUserByUsername, listUsers, updateUser } from '../../modules/users/store.ts';
import { Role, roles } from '../../protocol/roles.ts';
import type { User } from '../../protocol/users.ts';
import { UsageError } from '../cli-error.ts';
import { auditCli, withDeps, type GlobalOptions } from '../context.ts';
import { render, type Column, type Format } from '../output.ts';
import { parseFormat } from '../parse.ts';
import { readSecretFromStdin } from '../read-secret.ts';

const columns: Column<User>[] = [
  { header: 'username', value: (u) => u.username },
  { header: 'name', value: (u) => u.displayName },
  { header: 'role', value: (u) => u.role },
  { header: 'status', value: (u) => (u.disabled ? 'disabled' : 'active') },
  { header: 'last login', value: (u) => u.lastLoginAt },
];

function parseRole(value: string): Role {
  const parsed = Role.safeParse(value);
  if (!parsed.success) throw new UsageError(`--role: expected one of ${roles.join(', ')}, got "${value}"`);
  return parsed.data;
}

async function passwordFor(fromStdin: boolean, random: { secret(n?: number): string }) {
  if (fromStdin) return { password: await readSecretFromStdin('password'), generated: false };
  return { password: random.secret(24), generated: true };
}

export function registerUsers(program: Command): void {
  const users = program.command('users').description('manage the people who sign in to Vigil');

  users
    .command('list')
    .description('list users')
    .option('--format <format>', 'table, json or jsonl', parseFormat, 'table')
    .action(async (opts: { format: Format }, command: Command) => {
      const rows = await withDeps(command.optsWithGlobals<GlobalOptions>(), (deps) =>
        listUsers(deps.database.db),
      );
      process.stdout.write(render(rows, columns, opts.format));
    });

  users
    .command('create')
    .argument('<username>')
    .description('create a user; prints a generated password unless --password-stdin is given')
    .requiredOption('--role <role>', roles.join(' | '), parseRole)
    .option('--name <display name>')
    .option('--password-stdin', 'read the password from standard input')
    .action(
      async (
        username: string,
        opts: { role: Role; name?: string; passwordStdin?: boolean },
        command: Command,
      ) => {
        await withDeps(command.optsWithGlobals<GlobalOptions>(), async (deps) => {
          const { password, generated } = await passwordFor(opts.passwordStdin === true, deps.random);
          const user = await createAccount(deps.database.db, deps.random, deps.clock.now(), {
            username,
            displayName: opts.name,
            role: opts.role,
            password,
          });
          await auditCli(deps, 'users.create', user.username, `role=${user.role}`);
          process.stdout.write(`created ${user.username} (${user.role})\n`);
          if (generated) process.stdout.write(`password: ${password}\n`);
        });
      },
    );

  users
    .command('set-password')
    .argument('<username>')
    .description('set a user’s password and end their sessions (recovers a lost admin password)')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (username: string, opts: { passwordStdin?: boolean }, command: Command) => {
      await withDeps(command.optsWithGlobals<GlobalOptions>(), async (deps) => {
        const user = await findUserByUsername(deps.database.db, username);
        if (!user) throw new UsageError(`no user named "${username}"`);
        const { password, generated } = await passwordFor(opts.passwordStdin === true, deps.random);
        await changePassword(deps.database.db, user, password, deps.clock.now());
        await auditCli(deps, 'users.reset_password', user.username);
        process.stdout.write(`password changed for ${user.username}\n`);
        if (generated) process.stdout.write(`password: ${password}\n`);
      });
    });

  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    users
      .command(name)
      .argument('<username>')
      .description(`${name} a user`)
      .action(async (username: string, _opts: unknown, command: Command) => {
        await withDeps(command.optsWithGlobals<GlobalOptions>(), async (deps) => {
          const user = await findUserByUsername(deps.database.db, username);
          if (!user) throw new UsageError(`no user named "${username}"`);
          await updateUser(deps.database.db, user.id, { disabled }, deps.clock.now().toISOString());
          await auditCli(deps, `users.${name}`, user.username);
          process.stdout.write(`${name}d ${user.username}\n`);
        });
      });
  }
}
