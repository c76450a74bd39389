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

  const ssh2: { Client: new () => Client };
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
