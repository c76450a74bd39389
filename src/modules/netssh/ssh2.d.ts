/*
 * The part of ssh2 1.17 (CommonJS, no bundled types) the SSH audit uses. @types/ssh2 is left out
 * because it pins @types/node 18 beside the project's 20.
 */
declare module 'ssh2' {
  import type { EventEmitter } from 'node:events';

  interface AuthNone {
    type: 'none';
    username: string;
  }

  interface ConnectConfig {
    host: string;
    port: number;
    username: string;
    ident?: string;
    readyTimeout?: number;
    algorithms?: { kex?: string[]; serverHostKey?: string[]; cipher?: string[]; hmac?: string[] };
    hostVerifier?: (key: Buffer) => boolean;
    authHandler?: (
      methodsLeft: string[] | null,
      partialSuccess: boolean | null,
      next: (auth: AuthNone | false) => void,
    ) => AuthNone | false | undefined;
  }

  interface Client extends EventEmitter {
    connect(config: ConnectConfig): this;
    end(): this;
    destroy(): this;
  }

  /** The server side, used by the tests to stand up servers OpenSSH cannot be configured into. */
  interface AuthContext {
    method: string;
    accept(): void;
    reject(methodsLeft?: string[]): void;
  }
  interface ServerConnection extends EventEmitter {
    on(event: 'authentication', listener: (context: AuthContext) => void): this;
    on(event: 'ready' | 'error' | 'close', listener: () => void): this;
    end(): this;
  }
  interface Server extends EventEmitter {
    listen(port: number, host: string, callback: () => void): this;
    address(): { port: number };
    close(): this;
  }

  const ssh2: {
    Client: new () => Client;
    Server: new (config: { hostKeys: string[] }, onClient: (client: ServerConnection) => void) => Server;
    utils: { generateKeyPairSync(type: 'ed25519'): { private: string; public: string } };
  };
  export default ssh2;
}

declare module 'ssh2/lib/protocol/constants.js' {
  const constants: {
    SUPPORTED_KEX: string[];
    SUPPORTED_SERVER_HOST_KEY: string[];
    SUPPORTED_CIPHER: string[];
    SUPPORTED_MAC: string[];
  };
  export default constants;
}
