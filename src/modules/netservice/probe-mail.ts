import type { ProbeStream } from './probe-stream.ts';
import type { ServiceFacts } from './service-facts.ts';

/*
 * Follow-ups for the text protocols that greet first (SMTP, IMAP, POP3, FTP): ask what the server
 * offers before any TLS (EHLO, CAPABILITY, CAPA, FEAT), then say goodbye. What matters to the
 * exposure checks: whether an upgrade to TLS is offered, and which logins go over cleartext.
 */

const replyWaitMs = 3000;
const maxWords = 64;

function lines(bytes: Buffer): string[] {
  return bytes
    .subarray(0, 16 * 1024)
    .toString('latin1')
    .split(/\r?\n/);
}

/** A complete SMTP/FTP reply: a line `NNN text` (not `NNN-text`) ended by a line break. */
export function codedReplyComplete(bytes: Buffer): boolean {
  const all = lines(bytes);
  return all.slice(0, -1).some((line) => /^\d{3}(?: |$)/.test(line));
}

/** The final code of a complete SMTP/FTP reply. */
function replyCode(bytes: Buffer): number | undefined {
  const line = lines(bytes).find((l) => /^\d{3}(?: |$)/.test(l));
  return line ? Number(line.slice(0, 3)) : undefined;
}

function words(text: string): string[] {
  return text.trim().split(/\s+/).slice(0, maxWords);
}

function mechanisms(list: string[]): string {
  return list
    .filter((m) => /^[A-Z0-9_-]{1,30}$/i.test(m))
    .map((m) => m.toUpperCase())
    .join(' ');
}

/** EHLO keywords (RFC 5321 §4.1.1.1): STARTTLS and the AUTH mechanisms. */
export function parseEhlo(bytes: Buffer): { starttls: boolean; authMechanisms: string } {
  let starttls = false;
  const auth: string[] = [];
  for (const line of lines(bytes).slice(0, maxWords)) {
    const match = /^250[ -](.*)$/.exec(line);
    if (!match?.[1]) continue;
    const [keyword = '', ...rest] = words(match[1]);
    if (/^STARTTLS$/i.test(keyword)) starttls = true;
    else if (/^AUTH$/i.test(keyword)) auth.push(...rest);
    else if (/^AUTH=/i.test(keyword)) auth.push(keyword.slice(5), ...rest);
  }
  return { starttls, authMechanisms: mechanisms([...new Set(auth)]) };
}

/** IMAP capabilities (RFC 9051 §7.2.2) from `* CAPABILITY …` or a `[CAPABILITY …]` greeting code. */
export function parseImapCapabilities(bytes: Buffer):
  | {
      starttls: boolean;
      authMechanisms: string;
      plaintextLogin: boolean;
    }
  | undefined {
  const text = bytes.subarray(0, 16 * 1024).toString('latin1');
  const match = /(?:^|\n)\* CAPABILITY ([^\r\n]{0,2000})|\[CAPABILITY ([^\]\r\n]{0,2000})\]/i.exec(text);
  const list = match?.[1] ?? match?.[2];
  if (list === undefined) return undefined;
  const capabilities = words(list).map((c) => c.toUpperCase());
  return {
    starttls: capabilities.includes('STARTTLS'),
    authMechanisms: mechanisms(capabilities.filter((c) => c.startsWith('AUTH=')).map((c) => c.slice(5))),
    plaintextLogin: !capabilities.includes('LOGINDISABLED'),
  };
}

/** POP3 CAPA (RFC 2449): STLS, SASL mechanisms, USER. */
export function parsePop3Capa(bytes: Buffer): {
  starttls: boolean;
  authMechanisms: string;
  plaintextLogin: boolean;
} {
  const capabilities = lines(bytes).slice(1, maxWords).map(words);
  const sasl = capabilities.find(([name]) => /^SASL$/i.test(name ?? ''));
  return {
    starttls: capabilities.some(([name]) => /^STLS$/i.test(name ?? '')),
    authMechanisms: mechanisms(sasl?.slice(1) ?? []),
    plaintextLogin: capabilities.some(([name]) => /^USER$/i.test(name ?? '')),
  };
}

/** FTP FEAT (RFC 2389) features: AUTH TLS (RFC 4217). */
export function parseFtpFeat(bytes: Buffer): { starttls: boolean } {
  return { starttls: lines(bytes).some((line) => /^ ?AUTH\b.*\bTLS\b/i.test(line.slice(0, 100))) };
}

function mailDetails(found: { authMechanisms: string; plaintextLogin?: boolean }): Record<string, string> {
  return {
    ...(found.authMechanisms ? { authMechanisms: found.authMechanisms } : {}),
    ...(found.plaintextLogin ? { plaintextLogin: 'yes' } : {}),
  };
}

export async function followSmtp(
  stream: ProbeStream,
  greeting: ServiceFacts,
): Promise<ServiceFacts | undefined> {
  stream.consume();
  stream.write('EHLO vigil.invalid\r\n');
  const reply = await stream.waitFor(codedReplyComplete, replyWaitMs);
  if (replyCode(reply) !== 250) return undefined;
  stream.write('QUIT\r\n');
  const found = parseEhlo(reply);
  return {
    ...greeting,
    service: 'smtp',
    method: 'probe',
    starttls: found.starttls,
    details: { ...greeting.details, ...mailDetails(found) },
  };
}

export async function followImap(stream: ProbeStream, greeting: ServiceFacts): Promise<ServiceFacts> {
  const fromGreeting = parseImapCapabilities(stream.consume());
  let found = fromGreeting;
  if (!found) {
    stream.write('a1 CAPABILITY\r\n');
    const reply = await stream.waitFor((bytes) => /(?:^|\n)a1 /.test(bytes.toString('latin1')), replyWaitMs);
    found = parseImapCapabilities(reply);
  }
  stream.write('a2 LOGOUT\r\n');
  if (!found) return greeting;
  return {
    ...greeting,
    method: 'probe',
    starttls: found.starttls,
    details: { ...greeting.details, ...mailDetails(found) },
  };
}

export async function followPop3(stream: ProbeStream, greeting: ServiceFacts): Promise<ServiceFacts> {
  stream.consume();
  stream.write('CAPA\r\n');
  const reply = await stream.waitFor((bytes) => {
    const text = bytes.toString('latin1');
    return text.startsWith('-ERR') ? text.includes('\n') : /\r?\n\.\r?\n/.test(text);
  }, replyWaitMs);
  stream.write('QUIT\r\n');
  if (!reply.toString('latin1').startsWith('+OK')) return greeting;
  const found = parsePop3Capa(reply);
  return {
    ...greeting,
    method: 'probe',
    starttls: found.starttls,
    details: { ...greeting.details, ...mailDetails(found) },
  };
}

export async function followFtp(
  stream: ProbeStream,
  greeting: ServiceFacts,
): Promise<ServiceFacts | undefined> {
  stream.consume();
  stream.write('FEAT\r\n');
  const reply = await stream.waitFor(codedReplyComplete, replyWaitMs);
  const code = replyCode(reply);
  if (code === undefined) return undefined;
  stream.write('QUIT\r\n');
  // 211 lists features; 500/502 (no FEAT) is still an FTP server, one without AUTH TLS.
  return {
    ...greeting,
    service: 'ftp',
    method: 'probe',
    starttls: code === 211 && parseFtpFeat(reply).starttls,
    details: { ...greeting.details, plaintextLogin: 'yes' },
  };
}
