import type { AddressInfo } from 'node:net';

/** What both transports hand to the receiver. */
export interface SyslogListenerOptions {
  host: string;
  port: number;
  maxMessageBytes: number;
  onMessage(frame: Buffer, sender: string): void;
  /** A message over maxMessageBytes arrived and was dropped (on TCP, with its connection). */
  onOversized(sender: string): void;
}

export interface SyslogListener {
  address: AddressInfo;
  close(): Promise<void>;
}
