import { oneLine } from '../notify/printable.ts';

export interface SshBanner {
  /** The identification line as shown to people: printable, at most 255 characters. */
  banner: string;
  /** `2.0`, `1.99` (SSH-1 and SSH-2), `1.5`… */
  protocolVersion: string;
  software?: string | undefined;
  softwareVersion?: string | undefined;
  comments?: string | undefined;
}

/**
 * `SSH-protoversion-softwareversion SP comments` (RFC 4253 §4.2) without its CR LF, or undefined
 * when the line is not an identification string. Servers bend the grammar (`SSH-2.0-Cisco-1.25`),
 * so everything after the second dash up to the first space is the software, split at the first
 * `_` or `-` followed by a digit: `OpenSSH_9.2p1`, `dropbear_2022.83`, `OpenSSH_for_Windows_8.1`.
 */
export function parseSshBanner(line: string): SshBanner | undefined {
  if (!line.startsWith('SSH-')) return undefined;
  const rest = line.slice(4);
  const dash = rest.indexOf('-');
  if (dash <= 0) return undefined;
  const protocolVersion = rest.slice(0, dash);
  if (!/^\d{1,2}\.\d{1,3}$/.test(protocolVersion)) return undefined;
  const afterProtocol = rest.slice(dash + 1);
  const space = afterProtocol.indexOf(' ');
  const softwareField = space === -1 ? afterProtocol : afterProtocol.slice(0, space);
  const comments = space === -1 ? undefined : afterProtocol.slice(space + 1);
  let split = -1;
  for (let i = 0; i < softwareField.length - 1; i += 1) {
    const c = softwareField[i];
    const next = softwareField.charCodeAt(i + 1);
    if ((c === '_' || c === '-') && next >= 48 && next <= 57) {
      split = i;
      break;
    }
  }
  const software = split === -1 ? softwareField : softwareField.slice(0, split);
  const softwareVersion = split === -1 ? undefined : softwareField.slice(split + 1);
  return {
    banner: oneLine(line, 255),
    protocolVersion,
    software: software === '' ? undefined : oneLine(software, 64),
    softwareVersion: softwareVersion === undefined ? undefined : oneLine(softwareVersion, 64),
    comments: comments === undefined || comments === '' ? undefined : oneLine(comments, 200),
  };
}
