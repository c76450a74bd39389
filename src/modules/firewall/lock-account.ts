import { readFile } from 'node:fs/promises';
import { parsePasswd } from '../inventory/parse-passwd.ts';
import { findProgram } from './find-program.ts';
import { createToolRunner, succeeded, type ToolRunner } from './run-tool.ts';

export interface LockAccountOptions {
  run?: ToolRunner;
  passwdFile?: string;
  /** The agent's own uid, never locked; default this process's. */
  selfUid?: number;
}

/** The protocol's rule for `account.lock` again: no leading `-`, so a name can never pass for an option. */
const userName = /^[a-z_][a-z0-9_.-]{0,31}\$?$/;

/**
 * Locks a local account and ends what it runs: `usermod -L --expiredate 1` (the password
 * locked and the account expired, which also stops key-based SSH and cron at PAM's account
 * check), `loginctl terminate-user`, then `pkill -KILL -u` for what runs outside a session.
 * Refuses any uid-0 account and the account the agent itself runs as.
 */
export async function lockAccount(user: string, options: LockAccountOptions = {}): Promise<string> {
  if (!userName.test(user)) throw new Error(`not a user name: ${JSON.stringify(user.slice(0, 40))}`);
  const accounts = parsePasswd(await readFile(options.passwdFile ?? '/etc/passwd', 'utf8')).filter(
    (account) => account.name === user,
  );
  if (accounts.length === 0) throw new Error(`${user} is not a local account (not in /etc/passwd)`);
  if (accounts.some((account) => account.uid === 0))
    throw new Error(`refusing to lock ${user}: it has uid 0`);
  const selfUid = options.selfUid ?? process.getuid?.();
  if (accounts.some((account) => account.uid === selfUid))
    throw new Error(`refusing to lock ${user}: the agent runs as this account`);

  const run = options.run ?? createToolRunner();
  succeeded('usermod', await run('usermod', ['-L', '--expiredate', '1', '--', user]));
  // Without logind (containers, Alpine) there are no sessions to end; pkill below still ends the processes.
  if (findProgram('loginctl') !== undefined) await run('loginctl', ['terminate-user', '--', user]);
  const killed = await run('pkill', ['-KILL', '-u', user]);
  // pkill exits 1 when nothing matched.
  if (killed.code !== 1) succeeded('pkill', killed);
  return `locked ${user} (password locked, account expired), ${killed.code === 0 ? 'its processes killed' : 'no processes were running'}`;
}
