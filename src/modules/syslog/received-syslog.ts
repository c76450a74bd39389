export type SyslogTransport = 'udp' | 'tcp';

/** A message as it arrived, before parsing. */
export interface ReceivedSyslog {
  id: string;
  /** The frame decoded as UTF-8 (invalid bytes become U+FFFD), without its line end. */
  line: string;
  sender: string;
  transport: SyslogTransport;
  receivedAt: Date;
}
