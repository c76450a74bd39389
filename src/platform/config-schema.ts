import { z } from 'zod';
import { NotifyConfigSchema } from '../protocol/notify-config.ts';
import { defaultResponseConfig, ResponseConfigSchema } from '../protocol/response-config.ts';
import { NetScanConfigSchema } from './netscan-config.ts';
import { PatchConfigSchema } from './patch-config.ts';
import { VulnConfigSchema } from './vuln-config.ts';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const SyslogListen = z.strictObject({
  /** Network devices send from elsewhere, so every interface unless told otherwise. */
  host: z.string().min(1).default('0.0.0.0'),
  /** No default: setting a port is what turns the listener on. */
  port: z.number().int().min(0).max(65535),
});

/** Every key has a default, so an empty file, or none, is a valid configuration. */
export const ConfigSchema = z.strictObject({
  dataDir: z.string().min(1).default('.vigil'),
  server: z
    .strictObject({
      host: z.string().min(1).default('127.0.0.1'),
      port: z.number().int().min(0).max(65535).default(8470),
      /** The URL people and agents use to reach this server, when it differs from host:port. */
      publicUrl: z.url().optional(),
      /**
       * HTTPS, either with a certificate you provide, or (`auto: true`) with the
       * server's own CA and certificate in `<dataDir>/pki/`, which agents pin.
       */
      tls: z
        .union(
          [
            z.strictObject({ certFile: z.string().min(1), keyFile: z.string().min(1) }),
            z.strictObject({
              auto: z.literal(true),
              /** Extra names and addresses for the certificate, besides localhost, the loopback addresses and this host's name. */
              hostnames: z
                .array(z.string().regex(/^[^\s,/]{1,253}$/, 'a DNS name or IP address'))
                .max(100)
                .default([]),
            }),
          ],
          { error: 'either certFile and keyFile, or auto: true (with optional hostnames)' },
        )
        .optional(),
      bodyLimitBytes: z
        .number()
        .int()
        .min(1024)
        .max(64 * 1024 * 1024)
        .default(1024 * 1024),
      /** Take the client address from X-Forwarded-For; only behind a proxy you control. */
      trustProxy: z.boolean().default(false),
    })
    .default({ host: '127.0.0.1', port: 8470, bodyLimitBytes: 1024 * 1024, trustProxy: false }),
  database: z
    .strictObject({
      url: z
        .string()
        .regex(/^(postgres(ql)?|sqlite):\/\//, 'must start with postgres://, postgresql:// or sqlite://')
        .optional(),
    })
    .default({}),
  log: z.strictObject({ level: z.enum(logLevels).default('info') }).default({ level: 'info' }),
  agents: z
    .strictObject({
      /** An agent silent this long is shown offline. Agents send a heartbeat every 30 s. */
      offlineAfterSeconds: z.number().int().min(30).max(86400).default(120),
      /** How far an agent's clock may be from the server's before its requests are refused. */
      maxClockSkewSeconds: z.number().int().min(5).max(3600).default(300),
    })
    .default({ offlineAfterSeconds: 120, maxClockSkewSeconds: 300 }),
  /** The syslog receiver for network devices; off unless `udp` or `tcp` is set. */
  syslog: z
    .strictObject({
      udp: SyslogListen.optional(),
      tcp: SyslogListen.optional(),
      /** RFC 5424 asks receivers to take at least 480 bytes; larger messages are dropped and counted. */
      maxMessageBytes: z
        .number()
        .int()
        .min(480)
        .max(1024 * 1024)
        .default(64 * 1024),
      maxConnections: z.number().int().min(1).max(10000).default(256),
      /** A TCP connection silent this long is closed; devices reconnect when they next send. */
      idleTimeoutSeconds: z.number().int().min(10).max(86400).default(600),
    })
    .default({ maxMessageBytes: 64 * 1024, maxConnections: 256, idleTimeoutSeconds: 600 }),
  auth: z
    .strictObject({
      sessionIdleMinutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60)
        .default(30),
      sessionAbsoluteHours: z
        .number()
        .int()
        .min(1)
        .max(24 * 30)
        .default(12),
      tokenDefaultDays: z.number().int().min(1).max(400).default(90),
      throttle: z
        .strictObject({
          windowMinutes: z.number().int().min(1).max(1440).default(15),
          accountMaxFailures: z.number().int().min(1).max(1000).default(10),
          ipMaxFailures: z.number().int().min(1).max(100000).default(50),
        })
        .default({ windowMinutes: 15, accountMaxFailures: 10, ipMaxFailures: 50 }),
    })
    .default({
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 12,
      tokenDefaultDays: 90,
      throttle: { windowMinutes: 15, accountMaxFailures: 10, ipMaxFailures: 50 },
    }),
  /** The live detection engine: the built-in rule pack plus these Sigma rule files or directories. */
  detection: z
    .strictObject({
      rules: z.array(z.string().min(1)).default([]),
      builtin: z.boolean().default(true),
      /** A repeat of an open alert's rule and entities within this window updates it instead of a new alert. */
      dedupWindowMinutes: z.number().int().min(1).max(10080).default(60),
      /** Values for Sigma `%name%` placeholders (the expand modifier), e.g. `admins: [alice, bob]`. */
      placeholders: z
        .record(z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/), z.array(z.string()).max(10_000))
        .default({}),
    })
    .default({ rules: [], builtin: true, dedupWindowMinutes: 60, placeholders: {} }),
  /** Where alerts are sent; see docs/notifications.md. */
  notify: NotifyConfigSchema.default({ channels: [] }),
  /** Response policies: blocking attackers and locking accounts on alerts; see docs/response.md. */
  response: ResponseConfigSchema.default(defaultResponseConfig),
  /** Firewall policies as code; see docs/firewall-policy.md. */
  firewall: z
    .strictObject({
      /** Every host with a policy plans it this often, so a change made on the host is found; 0: never. */
      driftCheckMinutes: z
        .number()
        .int()
        .min(0)
        .max(7 * 24 * 60)
        .default(15),
    })
    .default({ driftCheckMinutes: 15 }),
  /** Host audits against security policies (Wazuh SCA format); see docs/audit-server.md. */
  audit: z
    .strictObject({
      /** Each host runs the approved policies of its group this often (and at its first poll); 0: only on demand. */
      intervalHours: z
        .number()
        .int()
        .min(0)
        .max(24 * 31)
        .default(12),
      /** PDF reports are Chromium's print of the HTML report; without it they answer 503. */
      chromiumPath: z.string().min(1).default('/usr/bin/chromium'),
      /** Runs kept per host and policy, with their evidence, for check history; older ones are deleted. */
      keepRuns: z.number().int().min(2).max(10_000).default(60),
    })
    .default({ intervalHours: 12, chromiumPath: '/usr/bin/chromium', keepRuns: 60 }),
  vuln: VulnConfigSchema,
  patches: PatchConfigSchema,
  netscan: NetScanConfigSchema,
});

export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;
