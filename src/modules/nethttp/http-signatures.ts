import { oneLine } from '../notify/printable.ts';

/*
 * What a response body is, from bounded, linear checks on at most 64 KiB of attacker-written text:
 * substring searches and anchored, bounded regular expressions only.
 */

/** The page's `<title>`, printable, at most 200 characters. */
export function pageTitle(body: string): string | undefined {
  const lower = body.toLowerCase();
  const open = lower.indexOf('<title');
  if (open === -1) return undefined;
  const start = lower.indexOf('>', open);
  const end = lower.indexOf('</title', start);
  if (start === -1 || end === -1) return undefined;
  const title = body.slice(start + 1, Math.min(end, start + 1 + 400)).trim();
  return title === '' ? undefined : oneLine(title.replace(/\s+/g, ' '), 200);
}

/** Which server generated a directory listing, if the body is one. */
export function directoryListing(body: string, title: string | undefined): string | undefined {
  if (title?.startsWith('Index of /')) return 'autoindex (nginx, Apache)';
  if (title?.startsWith('Directory listing for /')) return 'Python http.server';
  if (body.includes('[To Parent Directory]')) return 'IIS directory browsing';
  return undefined;
}

const defaultPages: [string, string][] = [
  ['Welcome to nginx!', 'nginx welcome page'],
  ['Apache2 Debian Default Page', 'Apache Debian default page'],
  ['Apache2 Ubuntu Default Page', 'Apache Ubuntu default page'],
  ['Test Page for the Apache HTTP Server', 'Apache test page'],
  ['Test Page for the HTTP Server on', 'Apache (Red Hat) test page'],
  ['IIS Windows Server', 'IIS welcome page'],
  ['Apache Tomcat', 'Tomcat default page'],
];

/** The stock page a web server installs, by its title (`<h1>It works!</h1>` too). */
export function defaultPage(body: string, title: string | undefined): string | undefined {
  const hit = defaultPages.find(([needle]) => title?.includes(needle));
  if (hit) return hit[1];
  return body.length < 200 && body.includes('<h1>It works!</h1>') ? 'Apache "It works!" page' : undefined;
}

/** A git HEAD file: a symbolic ref or a detached commit id. */
export function isGitHead(body: string): boolean {
  return /^(ref: refs\/[\x21-\x7e]{1,200}|[0-9a-f]{40}|[0-9a-f]{64})\s*$/.test(body.slice(0, 300));
}

/** The variable names of a dotenv file (never the values: they are the secrets), or undefined. */
export function envKeys(body: string): string[] | undefined {
  if (body.trimStart().startsWith('<')) return undefined;
  const keys: string[] = [];
  let other = 0;
  for (const line of body.split('\n', 200)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]{0,63})\s*=/.exec(trimmed.slice(0, 80));
    if (match?.[1]) keys.push(match[1]);
    else other += 1;
  }
  return keys.length > 0 && keys.length >= other ? keys.slice(0, 20) : undefined;
}

export function isApacheStatus(body: string, title: string | undefined): boolean {
  return title?.includes('Apache Status') === true || body.includes('Apache Server Status for');
}

export function isNginxStatus(body: string): boolean {
  return /^Active connections: \d{1,12} ?\r?\nserver accepts handled requests/.test(body.slice(0, 200));
}

/** A password field: the page is a login form, the panel is not open. */
export function hasPasswordField(body: string): boolean {
  return /<input[^>]{0,300}type\s*=\s*["']?password/i.test(body);
}
