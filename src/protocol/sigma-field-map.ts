/*
 * Sigma taxonomy field names → paths in a SecurityEvent (see security-event.ts).
 * A Sigma field not listed here is looked up as a dotted path in the event
 * (so Vigil's own rules can say `src_endpoint.ip`), then in `unmapped` by
 * its own name (auditd's `a0`, `syscall`, `key`, `type`…).
 * docs/detection.md documents this table; keep the two in step.
 */
export const sigmaFieldMap: Readonly<Record<string, string>> = {
  // linux process_creation (from auditd EXECVE groups)
  Image: 'process.file.path',
  CommandLine: 'process.cmd_line',
  CurrentDirectory: 'process.working_directory',
  ProcessId: 'process.pid',
  ParentImage: 'process.parent_process.file.path',
  ParentCommandLine: 'process.parent_process.cmd_line',
  ParentProcessId: 'process.parent_process.pid',
  User: 'actor.user.name',
  LogonId: 'actor.session.uid',
  // linux file_event
  TargetFilename: 'file.path',
  // linux network_connection
  DestinationIp: 'dst_endpoint.ip',
  DestinationPort: 'dst_endpoint.port',
  DestinationHostname: 'dst_endpoint.hostname',
  SourceIp: 'src_endpoint.ip',
  SourcePort: 'src_endpoint.port',
  // webserver / proxy (W3C extended log names)
  'c-ip': 'src_endpoint.ip',
  'c-uri': 'http_request.url.url_string',
  'cs-uri': 'http_request.url.url_string',
  'cs-uri-stem': 'http_request.url.path',
  'cs-uri-query': 'http_request.url.query_string',
  'cs-method': 'http_request.http_method',
  'cs-host': 'http_request.url.hostname',
  'c-useragent': 'http_request.user_agent',
  'cs-user-agent': 'http_request.user_agent',
  'cs-referrer': 'http_request.referrer',
  'cs-referer': 'http_request.referrer',
  'cs-version': 'http_request.version',
  'sc-status': 'http_response.code',
  'sc-bytes': 'http_response.length',
  'cs-username': 'user.name',
  // generic
  SourceHostname: 'src_endpoint.hostname',
  Hostname: 'device.hostname',
  ComputerName: 'device.hostname',
  TargetUserName: 'user.name',
  SubjectUserName: 'actor.user.name',
};
