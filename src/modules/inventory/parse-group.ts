import { clip } from './clip.ts';
import { parseId } from './parse-id.ts';
import type { LocalGroup } from '../../protocol/inventory.ts';

/** Parses `/etc/group`: `name:password:gid:member,member`. Malformed lines are skipped. */
export function parseGroup(text: string): LocalGroup[] {
  const groups: LocalGroup[] = [];
  for (const rawLine of text.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line === '' || line.startsWith('#') || line.startsWith('+') || line.startsWith('-')) continue;
    const fields = line.split(':');
    if (fields.length !== 4) continue;
    const [name = '', , gidText = '', memberList = ''] = fields;
    const gid = parseId(gidText);
    if (name === '' || gid === null) continue;
    const members = memberList
      .split(',')
      .map((member) => clip(member.trim(), 256))
      .filter((member) => member !== '');
    groups.push({ name: clip(name, 256), gid, members });
  }
  return groups;
}
