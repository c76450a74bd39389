import { cleanText } from './banner-line.ts';

/*
 * Mail and FTP daemons name themselves in free text (`220 mx ESMTP Postfix (Debian/GNU)`,
 * `220 (vsFTPd 3.0.3)`, `* OK [CAPABILITY …] Dovecot ready.`): the well-known names, each with the
 * version that may follow it. One alternation over capped text, no nested quantifiers.
 */
const known =
  /\b(Postfix|Exim|Sendmail|OpenSMTPD|Microsoft ESMTP MAIL Service|Dovecot|Courier|Cyrus|Zimbra|vsFTPd|ProFTPD|Pure-FTPd|FileZilla Server|Microsoft FTP Service|Serv-U|Wu-FTPd)\b[ /(v]{0,3}(\d[\w.-]{0,30})?/i;

export function greetingProduct(text: string): { product?: string; version?: string } {
  const match = known.exec(text.slice(0, 512));
  if (!match?.[1]) return {};
  return { product: cleanText(match[1]), ...(match[2] ? { version: cleanText(match[2]) } : {}) };
}
