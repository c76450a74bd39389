import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route'>;
  logins: Counter<'outcome'>;
  auditFailures: Counter;
  syslogReceived: Counter<'transport'>;
  syslogDropped: Counter<'transport' | 'reason'>;
  syslogConnectionsRefused: Counter;
}

/** One registry per app instance, so tests can run several apps in one process. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'vigil_' });
  return {
    registry,
    httpRequests: new Counter({
      name: 'vigil_http_requests_total',
      help: 'HTTP requests by method, matched route and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'vigil_http_request_duration_seconds',
      help: 'HTTP request duration by method and matched route',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    logins: new Counter({
      name: 'vigil_logins_total',
      help: 'Sign-in attempts by outcome',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    auditFailures: new Counter({
      name: 'vigil_audit_append_failures_total',
      help: 'Audit entries that could not be written',
      registers: [registry],
    }),
    syslogReceived: new Counter({
      name: 'vigil_syslog_messages_received_total',
      help: 'Syslog messages received, by transport',
      labelNames: ['transport'],
      registers: [registry],
    }),
    syslogDropped: new Counter({
      name: 'vigil_syslog_messages_dropped_total',
      help: 'Syslog messages not stored, by transport and reason (oversized, buffer_full, store_failed)',
      labelNames: ['transport', 'reason'],
      registers: [registry],
    }),
    syslogConnectionsRefused: new Counter({
      name: 'vigil_syslog_connections_refused_total',
      help: 'Syslog TCP connections closed at once because syslog.maxConnections were open',
      registers: [registry],
    }),
  };
}
