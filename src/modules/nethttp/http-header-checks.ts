import type { Severity } from '../../protocol/finding.ts';

/*
 * The security headers an HTTP audit expects on a page, each with the finding it raises when
 * missing and the lines that add it (nginx `add_header … always` so error pages carry it too).
 */
export interface HeaderCheck {
  header: string;
  check: string;
  title: string;
  severity: Severity;
  /** Another header that makes this one unnecessary, e.g. CSP frame-ancestors for X-Frame-Options. */
  coveredBy?: (headers: Record<string, string | null>) => boolean;
  nginx: string;
  apache: string;
  tlsOnly?: boolean;
}

export const headerChecks: HeaderCheck[] = [
  {
    header: 'content-security-policy',
    check: 'http.header-missing-csp',
    title: 'No Content-Security-Policy header',
    severity: 'low',
    nginx: `add_header Content-Security-Policy "default-src 'self'; frame-ancestors 'self'" always;`,
    apache: `Header always set Content-Security-Policy "default-src 'self'; frame-ancestors 'self'"`,
  },
  {
    header: 'x-frame-options',
    check: 'http.header-missing-x-frame-options',
    title: 'Pages can be framed (no X-Frame-Options or CSP frame-ancestors)',
    severity: 'low',
    coveredBy: (headers) => /frame-ancestors/i.test(headers['content-security-policy'] ?? ''),
    nginx: 'add_header X-Frame-Options SAMEORIGIN always;',
    apache: 'Header always set X-Frame-Options SAMEORIGIN',
  },
  {
    header: 'x-content-type-options',
    check: 'http.header-missing-x-content-type-options',
    title: 'No X-Content-Type-Options: nosniff header',
    severity: 'low',
    nginx: 'add_header X-Content-Type-Options nosniff always;',
    apache: 'Header always set X-Content-Type-Options nosniff',
  },
  {
    header: 'referrer-policy',
    check: 'http.header-missing-referrer-policy',
    title: 'No Referrer-Policy header',
    severity: 'informational',
    nginx: 'add_header Referrer-Policy strict-origin-when-cross-origin always;',
    apache: 'Header always set Referrer-Policy strict-origin-when-cross-origin',
  },
  {
    header: 'permissions-policy',
    check: 'http.header-missing-permissions-policy',
    title: 'No Permissions-Policy header',
    severity: 'informational',
    nginx: 'add_header Permissions-Policy "camera=(), microphone=(), geolocation=()" always;',
    apache: 'Header always set Permissions-Policy "camera=(), microphone=(), geolocation=()"',
  },
  {
    header: 'strict-transport-security',
    check: 'http.hsts-missing',
    title: 'HTTPS without Strict-Transport-Security',
    severity: 'medium',
    tlsOnly: true,
    nginx: 'add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;',
    apache: 'Header always set Strict-Transport-Security "max-age=31536000; includeSubDomains"',
  },
];

/** HSTS shorter than this (180 days) lets a stripped first visit happen again too soon. */
export const minimumHstsSeconds = 15_552_000;

/** `max-age` of an HSTS value, undefined when it has none that parses. */
export function hstsMaxAge(value: string): number | undefined {
  const match = /(?:^|;)\s*max-age\s*=\s*"?(\d{1,12})"?\s*(?:;|$)/i.exec(value.slice(0, 300));
  return match ? Number(match[1]) : undefined;
}
