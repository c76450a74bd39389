import { createTransport } from 'nodemailer';
import type { ChannelSender } from './channel-sender.ts';
import { DeliveryError } from './delivery-error.ts';
import { emailMessage } from './email-message.ts';
import type { EmailChannel } from '../../protocol/notify-config.ts';
import { readCaFile } from './read-ca-file.ts';
import { resolveSecret } from './resolve-secret.ts';

export interface EmailDeps {
  env: NodeJS.ProcessEnv;
  version: string;
}

/** nodemailer's codes for a connection that failed or stalled, as opposed to one that was refused. */
const transientCodes = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS']);

export function createEmailSender(channel: EmailChannel, deps: EmailDeps): ChannelSender {
  const { smtp } = channel;
  const password =
    smtp.password === undefined
      ? undefined
      : resolveSecret(smtp.password, `channel ${channel.name}: smtp.password`, deps.env);
  const ca = readCaFile(smtp.caFile, `channel ${channel.name}: smtp.caFile`);
  // One connection per message: alerts are rare enough that a pool would mostly hold idle sockets.
  const transport = createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.tls === 'implicit',
    requireTLS: smtp.tls === 'starttls',
    ignoreTLS: smtp.tls === 'none',
    tls: {
      minVersion: 'TLSv1.2',
      ...(ca === undefined ? {} : { ca }),
    },
    ...(smtp.user === undefined ? {} : { auth: { user: smtp.user, pass: password } }),
    connectionTimeout: channel.timeoutMs,
    greetingTimeout: channel.timeoutMs,
    socketTimeout: channel.timeoutMs,
    dnsTimeout: channel.timeoutMs,
    // Defense in depth: nothing in a message may make nodemailer read a file or fetch a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
  });
  return {
    async send(delivery) {
      const message = emailMessage(delivery.notice, deps);
      try {
        await transport.sendMail({
          from: channel.from,
          to: channel.to,
          ...message,
          headers: { 'X-Vigil-Event-Id': delivery.eventId },
        });
      } catch (error) {
        throw smtpFailure(error);
      }
    },
    close: () => {
      transport.close();
      return Promise.resolve();
    },
  };
}

/** SMTP 4xx replies mean "later"; 5xx and authentication or TLS failures will not fix themselves. */
function smtpFailure(error: unknown): DeliveryError {
  const { code, responseCode } = error as { code?: string; responseCode?: number };
  const retryable =
    responseCode === undefined ? code !== undefined && transientCodes.has(code) : responseCode < 500;
  const reason = responseCode === undefined ? (code ?? 'failed') : `SMTP ${responseCode}`;
  return new DeliveryError(`email ${reason}`, retryable, { cause: error });
}
