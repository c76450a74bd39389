import { Socket } from 'node:net';
import { getSystemErrorName } from 'node:util';

/**
 * Called once per attempt: `code` undefined when the connection was accepted, else the system
 * error (`ECONNREFUSED`, `EHOSTUNREACH`, `EMFILE`…). `selfConnected` when the kernel joined the
 * socket to itself (loopback, local port == target port): nothing listens there.
 */
export type ConnectDone = (code: string | undefined, selfConnected: boolean) => void;

/** Starts one connection attempt; `cancel` abandons it (a timeout) and `done` is never called after. */
export type TcpConnector = (address: string, family: 4 | 6, port: number, done: ConnectDone) => () => void;

interface TcpHandle {
  connect(request: ConnectRequest, address: string, port: number): number;
  connect6(request: ConnectRequest, address: string, port: number): number;
  getsockname(out: { address?: string; port?: number }): number;
  reset(callback?: () => void): number;
  close(callback?: () => void): void;
}
interface ConnectRequest {
  oncomplete: (status: number) => void;
}
interface TcpWrapBinding {
  TCP: new (type: number) => TcpHandle;
  TCPConnectWrap: new () => ConnectRequest;
  constants: { SOCKET: number };
}

/**
 * libuv's TCP handle without net.Socket's stream machinery around it: a scan opens tens of
 * thousands of connections and reads none, and the streams cost more CPU than the kernel's
 * connect itself. Undefined where the runtime no longer exposes the binding.
 */
function loadTcpWrap(): TcpWrapBinding | undefined {
  try {
    const binding = (process as unknown as { binding(name: string): unknown }).binding('tcp_wrap');
    const candidate = binding as Partial<TcpWrapBinding> | undefined;
    return typeof candidate?.TCP === 'function' && typeof candidate.TCPConnectWrap === 'function'
      ? (candidate as TcpWrapBinding)
      : undefined;
  } catch {
    return undefined;
  }
}

const tcpWrap = loadTcpWrap();

export const handleConnector: TcpConnector | undefined =
  tcpWrap &&
  ((address, family, port, done) => {
    const handle = new tcpWrap.TCP(tcpWrap.constants.SOCKET);
    const request = new tcpWrap.TCPConnectWrap();
    let settled = false;
    request.oncomplete = (status) => {
      if (settled) return;
      settled = true;
      if (status !== 0) {
        handle.close();
        done(getSystemErrorName(status), false);
        return;
      }
      const local: { address?: string; port?: number } = {};
      handle.getsockname(local);
      // A reset, not a FIN: no TIME_WAIT left behind per open port, as nmap's connect scan does.
      handle.reset(() => handle.close());
      done(undefined, local.port === port && local.address === address);
    };
    const status =
      family === 6 ? handle.connect6(request, address, port) : handle.connect(request, address, port);
    if (status !== 0) {
      settled = true;
      handle.close();
      // Asynchronously, as every other outcome arrives: the caller never re-enters itself.
      queueMicrotask(() => done(getSystemErrorName(status), false));
    }
    return () => {
      if (settled) return;
      settled = true;
      handle.close();
    };
  });

/** The same through net.Socket, for runtimes without the binding. */
export const socketConnector: TcpConnector = (address, family, port, done) => {
  const socket = new Socket();
  let settled = false;
  socket.once('connect', () => {
    settled = true;
    const self = socket.localPort === port && socket.localAddress === address;
    socket.resetAndDestroy();
    done(undefined, self);
  });
  socket.once('error', (error: NodeJS.ErrnoException) => {
    socket.destroy();
    if (settled) return;
    settled = true;
    done(error.code ?? 'EIO', false);
  });
  socket.connect({ host: address, port, family });
  return () => {
    if (settled) return;
    settled = true;
    socket.destroy();
  };
};

export const connectTcp: TcpConnector = handleConnector ?? socketConnector;
