/**
 * The journal fields kept with each entry, besides MESSAGE: who logged it (unit, identifier,
 * process, user, audit session) and how (priority, facility, transport), which is what detection
 * rules match on. Only these are asked of journalctl, so a huge field such as a core dump stored
 * in the journal (COREDUMP) never reaches the agent.
 */
export const journalFields = [
  'MESSAGE_ID',
  'PRIORITY',
  'SYSLOG_FACILITY',
  'SYSLOG_IDENTIFIER',
  'SYSLOG_PID',
  '_SYSTEMD_UNIT',
  '_SYSTEMD_USER_UNIT',
  '_TRANSPORT',
  '_PID',
  '_UID',
  '_GID',
  '_COMM',
  '_EXE',
  '_CMDLINE',
  '_HOSTNAME',
  '_BOOT_ID',
  '_AUDIT_SESSION',
  '_AUDIT_LOGINUID',
] as const;
