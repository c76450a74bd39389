import { z } from 'zod';
import { severities } from './finding.ts';

/**
 * A secret written in the file, or `{ env: NAME }`: read from the variable NAME,
 * or from the file NAME_FILE names (as container secrets do), when the notifier starts.
 */
export const SecretRef = z.union(
  [
    z.string().min(1),
    z.strictObject({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name') }),
  ],
  { error: 'a string, or { env: NAME } to read it from NAME or NAME_FILE' },
);
export type SecretRef = z.infer<typeof SecretRef>;

const Port = z.number().int().min(1).max(65535);
/** Milliseconds: small values are allowed so tests can retry quickly. */
const Millis = (max: number) => z.number().int().min(1).max(max);

/** A PEM file of CA certificates to trust instead of the system's, for a private CA. */
const CaFile = z.string().min(1);

/** Headers Vigil sets itself; a channel must not replace them. */
const reservedHeaders = new Set([
  'content-type',
  'content-length',
  'host',
  'transfer-encoding',
  'connection',
]);
function headerNameProblem(name: string): string | undefined {
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/.test(name)) return 'not an HTTP header name';
  if (reservedHeaders.has(name.toLowerCase()) || /^x-vigil-/i.test(name))
    return 'Vigil sets this header itself';
  return undefined;
}

// Checked here rather than as the record's key schema, whose errors cannot say what is wrong.
const Headers = z.record(z.string(), SecretRef).superRefine((headers, ctx) => {
  for (const name of Object.keys(headers)) {
    const problem = headerNameProblem(name);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', path: [name], message: problem });
  }
});

const channelBase = {
  /** Shown in logs and used by `test(name)`; unique. */
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, ".", "_" and "-", at most 64'),
  minSeverity: z.enum(severities).default('high'),
  /** When set, only rules carrying at least one of these tags (case-insensitive) are sent. */
  tags: z.array(z.string().min(1).max(200)).min(1).max(100).optional(),
  /** Also send when a repeat updates an open alert; by default only new and reopened alerts are sent. */
  onUpdates: z.boolean().default(false),
  /** Notices waiting for this channel; past it new ones are dropped, counted and logged. */
  queueSize: z.number().int().min(1).max(100_000).default(1000),
  /** Retries after a transient failure (network, timeout, 5xx, 429; SMTP 4xx), backing off from retryDelayMs. */
  retries: z.number().int().min(0).max(20).default(5),
  retryDelayMs: Millis(600_000).default(1000),
};

export const WebhookChannel = z.strictObject({
  ...channelBase,
  type: z.literal('webhook'),
  url: z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL' }),
  /** HMAC-SHA256 key for `X-Vigil-Signature`; at least 16 characters (checked again when read from the environment). */
  secret: SecretRef.refine((secret) => typeof secret !== 'string' || secret.length >= 16, {
    message: 'at least 16 characters',
  }),
  /** Extra headers, e.g. a receiver's own authorization; values may be secrets too. */
  headers: Headers.optional(),
  timeoutMs: Millis(300_000).default(10_000),
});
export type WebhookChannel = z.infer<typeof WebhookChannel>;

export const EmailChannel = z.strictObject({
  ...channelBase,
  type: z.literal('email'),
  smtp: z
    .strictObject({
      host: z.string().min(1),
      port: Port,
      /** `implicit`: TLS from the first byte (port 465); `starttls`: upgrade, and refuse to send if the server cannot; `none`: plain text, only for a relay on this host. */
      tls: z.enum(['starttls', 'implicit', 'none']).default('starttls'),
      caFile: CaFile.optional(),
      user: z.string().min(1).optional(),
      password: SecretRef.optional(),
    })
    .refine((smtp) => (smtp.user === undefined) === (smtp.password === undefined), {
      message: 'set both user and password, or neither',
    }),
  from: z.email(),
  to: z.array(z.email()).min(1).max(100),
  /** For each of connecting, the greeting and every reply. */
  timeoutMs: Millis(300_000).default(30_000),
});
export type EmailChannel = z.infer<typeof EmailChannel>;

/** RFC 5424 facility numbers for the names a SIEM is likely to be told to expect. */
export const syslogFacilities = {
  user: 1,
  daemon: 3,
  auth: 4,
  authpriv: 10,
  local0: 16,
  local1: 17,
  local2: 18,
  local3: 19,
  local4: 20,
  local5: 21,
  local6: 22,
  local7: 23,
} as const;

export const SyslogChannel = z
  .strictObject({
    ...channelBase,
    type: z.literal('syslog'),
    host: z.string().min(1),
    port: Port,
    transport: z.enum(['udp', 'tcp', 'tls']).default('tcp'),
    format: z.enum(['cef', 'rfc5424-json']).default('cef'),
    facility: z.enum(Object.keys(syslogFacilities) as [keyof typeof syslogFacilities]).default('local0'),
    /** Only with transport tls. */
    caFile: CaFile.optional(),
    /**
     * Evidence is trimmed to fit. Defaults: 2048 for UDP (what RFC 5426 says
     * receivers should take), 8192 for TCP and TLS (RFC 5425's figure).
     */
    maxMessageBytes: z.number().int().min(480).max(65_000).optional(),
    timeoutMs: Millis(300_000).default(10_000),
  })
  .refine((channel) => channel.caFile === undefined || channel.transport === 'tls', {
    message: 'caFile is only for transport: tls',
    path: ['caFile'],
  });
export type SyslogChannel = z.infer<typeof SyslogChannel>;

export const NotifyChannel = z.discriminatedUnion('type', [WebhookChannel, EmailChannel, SyslogChannel]);
export type NotifyChannel = z.infer<typeof NotifyChannel>;
export type NotifyChannelInput = z.input<typeof NotifyChannel>;

/** The `notify` section: every key has a default, so no channels means no notifications. */
export const NotifyConfigSchema = z
  .strictObject({
    channels: z
      .array(NotifyChannel)
      .max(50)
      .default([])
      .superRefine((channels, ctx) => {
        const seen = new Set<string>();
        channels.forEach((channel, index) => {
          if (seen.has(channel.name)) {
            ctx.addIssue({
              code: 'custom',
              path: [index, 'name'],
              message: `duplicate channel name "${channel.name}"`,
            });
          }
          seen.add(channel.name);
        });
      }),
  })
  .default({ channels: [] });
export type NotifyConfig = z.infer<typeof NotifyConfigSchema>;
