import { clip } from './clip.ts';
import { parseId } from './parse-id.ts';
import type { LocalUser } from '../../protocol/inventory.ts';

/**
 * Shells that end the session instead of giving one. /etc/shells is no guide:
 * sshd and login never consult it.
 */
const noLoginShells = new Set(['nologin', 'false', 'true', 'sync', 'shutdown', 'halt']);

/**
 * Parses `/etc/passwd`. Lines without exactly seven fields or with a
 * non-numeric id are skipped, as are NIS `+`/`-` compat entries. Duplicate
 * names are all kept: a second uid-0 account is exactly what to look for.
 */
export function parsePasswd(text: string): LocalUser[] {
  const users: LocalUser[] = [];
  for (const rawLine of text.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line === '' || line.startsWith('#') || line.startsWith('+') || line.startsWith('-')) continue;
    const fields = line.split(':');
    if (fields.length !== 7) continue;
    const [name = '', , uidText = '', gidText = '', gecos = '', home = '', shell = ''] = fields;
    const uid = parseId(uidText);
    const gid = parseId(gidText);
    if (name === '' || uid === null || gid === null) continue;
    users.push({
      name: clip(name, 256),
      uid,
      gid,
      gecos: clip(gecos, 256),
      home: clip(home, 4096),
      shell: clip(shell, 4096),
      loginCapable: isLoginShell(shell),
    });
  }
  return users;
}

function isLoginShell(shell: string): boolean {
  // An empty shell field means /bin/sh.
  if (shell === '') return true;
  return !noLoginShells.has(shell.slice(shell.lastIndexOf('/') + 1));
}
