import { createServer, type Socket } from 'node:net';

/*
 * A TCP server that speaks one protocol's opening exchange from recorded bytes. It stands in for
 * daemons that are not installed on the test machines (MongoDB, Elasticsearch, RDP, SMB, DNS, FTP,
 * SMTP, IMAP, POP3, Telnet): the bytes are the real protocol's, the server behind them is not.
 */

export interface ScriptedServer {
  port: number;
  /** Every request the server received, in order. */
  requests: Buffer[];
  stop(): Promise<void>;
}

/** What to send back to one request: bytes, nothing (stay silent), or the text `close` to hang up. */
export type Reply = Buffer | string | undefined;

export async function startScriptedServer(script: {
  /** Sent on connect; an array is sent piece by piece, 100 ms apart. */
  greeting?: Buffer | string | string[];
  reply?: (request: Buffer) => Reply;
}): Promise<ScriptedServer> {
  const requests: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const pieces = Array.isArray(script.greeting) ? script.greeting : [script.greeting];
    pieces.forEach((piece, index) => {
      if (piece !== undefined) setTimeout(() => socket.writable && socket.write(piece), index * 100);
    });
    socket.on('data', (request: Buffer) => {
      requests.push(request);
      const reply = script.reply?.(request);
      if (reply === 'close') socket.end();
      else if (reply !== undefined) socket.write(reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    requests,
    stop: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
