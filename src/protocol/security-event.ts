/*
 * The normalized event every log parser produces and every detection rule reads.
 * It follows OCSF 1.x class shapes (https://schema.ocsf.io) closely enough that the
 * OCSF field names hold, while keeping only what Vigil's parsers can know.
 * Types only: the detection pipeline builds these in hot loops, so they are plain objects.
 */

/** The OCSF classes Vigil's parsers emit; 0 is OCSF's Base Event for lines no parser understood. */
export const ocsfClasses = {
  base: { uid: 0, name: 'Base Event', category: 0 },
  processActivity: { uid: 1007, name: 'Process Activity', category: 1 },
  fileActivity: { uid: 1001, name: 'File System Activity', category: 1 },
  accountChange: { uid: 3001, name: 'Account Change', category: 3 },
  authentication: { uid: 3002, name: 'Authentication', category: 3 },
  networkActivity: { uid: 4001, name: 'Network Activity', category: 4 },
  httpActivity: { uid: 4002, name: 'HTTP Activity', category: 4 },
  detectionFinding: { uid: 2004, name: 'Detection Finding', category: 2 },
} as const;

export interface EventUser {
  name?: string;
  uid?: string;
  groups?: string[];
}

export interface EventEndpoint {
  ip?: string;
  port?: number;
  hostname?: string;
}

export interface EventProcess {
  name?: string;
  pid?: number;
  cmd_line?: string;
  working_directory?: string;
  file?: { path?: string };
  user?: EventUser;
  parent_process?: EventProcess;
}

/**
 * Which Sigma log sources an event belongs to. Rules select events by it
 * (see docs/detection.md): `product: linux` with a `service` for syslog
 * programs and auditd, `category: webserver` for access logs,
 * `category: process_creation` for auditd EXECVE groups, and so on.
 */
export interface EventLogSource {
  product?: string;
  service?: string;
  category?: string;
}

export interface SecurityEvent {
  class_uid: number;
  class_name: string;
  category_uid: number;
  /** OCSF activity within the class, e.g. Authentication 1 Logon, 2 Logoff; Account Change 1 Create. */
  activity_id: number;
  /** class_uid * 100 + activity_id, as OCSF defines it. */
  type_uid: number;
  /** When it happened, epoch milliseconds UTC. */
  time: number;
  /** 1 Success, 2 Failure, when the line says. */
  status_id?: 1 | 2;
  status?: 'Success' | 'Failure';
  status_detail?: string;
  /** The line's message part, without the syslog prefix. */
  message?: string;
  /** The line exactly as read (auditd: the grouped records, one per line). */
  raw_data: string;
  metadata: {
    /** The program that wrote the line: sshd, sudo, nginx, kernel… */
    product: { name: string };
    /** Where the line came from: a file path, `journald`, `syslog:<sender>`. */
    log_name?: string;
    /** The line's number in `log_name`, when read from a file (OCSF: sequence number). */
    sequence?: number;
    /**
     * Vigil's stable name for what the line means, `<parser>.<kind>`, e.g.
     * `sshd.invalid_user`, `sshd.accepted`, `sudo.auth_failure`, `useradd.new_user`.
     * Built-in rules and conformance tests key on it; docs/detection.md lists them all.
     */
    event_code?: string;
  };
  logsource: EventLogSource;
  /** The host that wrote the line. */
  device?: { hostname?: string };
  src_endpoint?: EventEndpoint;
  dst_endpoint?: EventEndpoint;
  /** Authentication and Account Change: the account acted on. */
  user?: EventUser;
  /** Who did it: the sudo caller, the account that ran useradd. */
  actor?: { user?: EventUser; process?: EventProcess; session?: { uid?: string } };
  process?: EventProcess;
  file?: { path?: string; name?: string };
  auth_protocol?: string;
  http_request?: {
    http_method?: string;
    /** path = the request target's path, query_string without `?`, url_string = target as sent. */
    url?: { path?: string; query_string?: string; url_string?: string; hostname?: string };
    user_agent?: string;
    referrer?: string;
    version?: string;
  };
  http_response?: { code?: number; length?: number };
  connection_info?: { protocol_name?: string; direction?: string };
  /**
   * Parsed fields with no OCSF home, by their native names (auditd `a0`, `syscall`, `key`…).
   * A field seen more than once in a grouped event (auditd PATH `name`) is an array.
   */
  unmapped?: Record<string, string | number | (string | number)[]>;
}

/** Where a raw line came from, which decides how it is parsed. */
export interface LineSource {
  /** File path, `journald`, `syslog:<sender ip>` or `-` for stdin. */
  name: string;
  /** journald fields (SYSLOG_IDENTIFIER, _PID, _HOSTNAME, …) when the line came from journald. */
  journal?: Record<string, string>;
  /** Year for lines that carry none; from the file's mtime or `--year`. */
  referenceTime?: number;
}
