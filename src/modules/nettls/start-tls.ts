import { NetTlsError } from './nettls-error.ts';
import type { RawConnection, TlsEndpoint } from './raw-connection.ts';

/*
 * The cleartext part of STARTTLS: greeting, upgrade command, and the server's go-ahead, after which
 * the next bytes on the socket are the TLS handshake. Replies are text from the server: read as
 * lines up to a cap, and only shown in errors made printable and short.
 */

const maxReply = 16 * 1024;

function printableLine(line: string): string {
  return line.replace(/[^\x20-\x7e]/g, '?').slice(0, 120);
}

/** Complete lines until `last` matches one; undefined while the reply is incomplete. */
function replyUntil(last: (line: string) => boolean) {
  return (data: Buffer): { value: string[]; used: number } | undefined => {
    const lines: string[] = [];
    let start = 0;
    for (;;) {
      const end = data.indexOf('\n', start);
      if (end < 0) break;
      const line = data.subarray(start, end).toString('latin1').replace(/\r$/, '');
      lines.push(line);
      start = end + 1;
      if (last(line)) return { value: lines, used: start };
    }
    if (data.length > maxReply) return { value: lines, used: data.length };
    return undefined;
  };
}

// SMTP and FTP: `250-…` continues a reply, `250 …` (or a bare code) ends it.
const endsNumericReply = (line: string): boolean => /^\d{3}( |$)/.test(line);

async function reply(
  connection: RawConnection,
  last: (line: string) => boolean,
  protocol: string,
): Promise<string> {
  const lines = await connection.read(replyUntil(last));
  if (lines === 'closed')
    throw new NetTlsError('starttls-failed', `${protocol}: the server closed the connection`);
  return lines.at(-1) ?? '';
}

async function expect(
  connection: RawConnection,
  protocol: string,
  last: (line: string) => boolean,
  accept: (line: string) => boolean,
  step: string,
): Promise<void> {
  const line = await reply(connection, last, protocol);
  if (!accept(line)) {
    throw new NetTlsError('starttls-failed', `${protocol}: ${step} answered "${printableLine(line)}"`);
  }
}

// PostgreSQL's SSLRequest: length 8, code 80877103.
const sslRequest = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);

/** Brings `connection` to the point where the server expects a ClientHello. */
export async function startTls(
  connection: RawConnection,
  protocol: NonNullable<TlsEndpoint['starttls']>,
): Promise<void> {
  switch (protocol) {
    case 'smtp':
      await expect(connection, protocol, endsNumericReply, (l) => l.startsWith('220'), 'the greeting');
      connection.write('EHLO vigil.invalid\r\n');
      await expect(connection, protocol, endsNumericReply, (l) => l.startsWith('250'), 'EHLO');
      connection.write('STARTTLS\r\n');
      await expect(connection, protocol, endsNumericReply, (l) => l.startsWith('220'), 'STARTTLS');
      return;
    case 'ftp':
      await expect(connection, protocol, endsNumericReply, (l) => l.startsWith('220'), 'the greeting');
      connection.write('AUTH TLS\r\n');
      await expect(connection, protocol, endsNumericReply, (l) => l.startsWith('234'), 'AUTH TLS');
      return;
    case 'imap':
      await expect(
        connection,
        protocol,
        () => true,
        (l) => l.startsWith('* OK'),
        'the greeting',
      );
      connection.write('a STARTTLS\r\n');
      await expect(
        connection,
        protocol,
        (l) => l.startsWith('a '),
        (l) => l.startsWith('a OK'),
        'STARTTLS',
      );
      return;
    case 'pop3':
      await expect(
        connection,
        protocol,
        () => true,
        (l) => l.startsWith('+OK'),
        'the greeting',
      );
      connection.write('STLS\r\n');
      await expect(
        connection,
        protocol,
        () => true,
        (l) => l.startsWith('+OK'),
        'STLS',
      );
      return;
    case 'postgresql': {
      connection.write(sslRequest);
      const answer = await connection.read((data) =>
        data.length > 0 ? { value: data[0], used: 1 } : undefined,
      );
      if (answer !== 0x53) {
        throw new NetTlsError(
          'starttls-failed',
          answer === 0x4e
            ? 'postgresql: the server does not offer SSL'
            : 'postgresql: unexpected answer to SSLRequest',
        );
      }
    }
  }
}
