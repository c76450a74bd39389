import { randomBytes } from 'node:crypto';
import type { Severity } from '../../protocol/finding.ts';
import type { HttpReport } from '../../protocol/net-http.ts';
import { endpointFinding, type NetFinding } from '../../protocol/netscan.ts';
import { clipText } from '../notify/clip-text.ts';
import { oneLine } from '../notify/printable.ts';
import { fetchHttp, hostHeader, type HttpAnswer, type HttpTarget } from './fetch-http.ts';
import { headerChecks, hstsMaxAge, minimumHstsSeconds } from './http-header-checks.ts';
import {
  defaultPage,
  directoryListing,
  envKeys,
  hasPasswordField,
  isApacheStatus,
  isGitHead,
  isNginxStatus,
  pageTitle,
} from './http-signatures.ts';

const defaultTimeoutMs = 5000;
const maxRedirects = 3;

interface PathProbe {
  path: string;
  check: string;
  title: string;
  severity: Severity;
  /** What the answer exposes, or undefined when it is not the thing looked for. */
  exposes: (answer: HttpAnswer, title: string | undefined) => string | undefined;
  remediation: string;
  tags: string[];
  /** Admin panels: a 401/403 answer is the panel protected, listed in the report without a finding. */
  panel?: string;
}

const hidden =
  'nginx: `location ~ /\\.(?!well-known) { deny all; }`; Apache: `RedirectMatch 404 /\\.(?!well-known)`.';

const probes: PathProbe[] = [
  {
    path: '/.git/HEAD',
    check: 'http.git-exposed',
    title: 'Git repository exposed over HTTP',
    severity: 'high',
    exposes: (answer) => (isGitHead(answer.body) ? `git HEAD ${oneLine(answer.body.trim(), 80)}` : undefined),
    remediation: `Anyone can download the source and its history: remove .git from the docroot or deny dot paths (${hidden})`,
    tags: ['CWE-527'],
  },
  {
    path: '/.env',
    check: 'http.env-exposed',
    title: 'Environment file (.env) exposed over HTTP',
    severity: 'high',
    exposes: (answer) => {
      const keys = envKeys(answer.body);
      return keys ? `dotenv file defining ${keys.join(', ')}` : undefined;
    },
    remediation: `Move .env out of the docroot or deny dot paths (${hidden}), then rotate every secret it held.`,
    tags: ['CWE-538'],
  },
  {
    path: '/server-status',
    check: 'http.server-status-exposed',
    title: 'Apache server-status page exposed',
    severity: 'medium',
    exposes: (answer, title) => (isApacheStatus(answer.body, title) ? 'Apache mod_status page' : undefined),
    remediation:
      'It lists clients and the URLs they request: in the `<Location "/server-status">` block use' +
      ' `Require local` (or `Require ip <admin network>`), or `a2dismod status`.',
    tags: ['CWE-200'],
  },
  {
    path: '/nginx_status',
    check: 'http.nginx-status-exposed',
    title: 'nginx stub_status page exposed',
    severity: 'low',
    exposes: (answer) => (isNginxStatus(answer.body) ? 'nginx stub_status counters' : undefined),
    remediation: 'In the `location /nginx_status` block add `allow 127.0.0.1; deny all;`.',
    tags: ['CWE-200'],
  },
  ...(
    [
      [
        '/admin/',
        'admin area',
        (_body: string, title: string | undefined) => /admin|dashboard/i.test(title ?? ''),
      ],
      ['/phpmyadmin/', 'phpMyAdmin', (body: string) => body.includes('phpMyAdmin')],
      ['/manager/html', 'Tomcat manager', (body: string) => body.includes('Tomcat Web Application Manager')],
    ] as const
  ).map(([path, panel, signature]): PathProbe => ({
    path,
    panel,
    check: 'http.admin-no-auth',
    title: `${panel} reachable without authentication`,
    severity: 'high',
    exposes: (answer, title) =>
      signature(answer.body, title) && !hasPasswordField(answer.body)
        ? `${panel} without a login form`
        : undefined,
    remediation:
      `Put ${path} behind authentication (nginx: \`auth_basic\` with \`auth_basic_user_file\`, Apache:` +
      ' `AuthType Basic` with `Require valid-user`) or allow it from the admin network only.',
    tags: ['CWE-306'],
  })),
];

/** `x-frame-options` → `X-Frame-Options`, as people write it. */
function headerName(lowercase: string): string {
  return lowercase.replace(
    /(^|-)([a-z])/g,
    (_match, dash: string, letter: string) => dash + letter.toUpperCase(),
  );
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/** GET /, following redirects while they stay on this scheme, host and port. */
async function fetchRoot(
  target: HttpTarget,
  options: { timeoutMs: number; signal?: AbortSignal | undefined },
): Promise<{ answer: HttpAnswer; path: string; leftOrigin?: string }> {
  const origin = `${target.tls ? 'https' : 'http'}://${hostHeader(target)}`;
  let path = '/';
  for (let hop = 0; ; hop += 1) {
    const answer = await fetchHttp(target, path, options);
    const location = answer.headers.location;
    if (!isRedirect(answer.status) || location === undefined || hop === maxRedirects) return { answer, path };
    let next: URL;
    try {
      next = new URL(location, `${origin}${path}`);
    } catch {
      return { answer, path };
    }
    if (next.origin !== new URL(origin).origin) return { answer, path, leftOrigin: oneLine(next.href, 200) };
    path = `${next.pathname}${next.search}`;
  }
}

/**
 * Audits one HTTP(S) endpoint (docs/ssh-http-audit.md): GET / for security headers, version
 * disclosure, directory listing and stock pages, then a few well-known leaky paths, each judged
 * by its content and against a random path's answer so a site that answers 200 to everything
 * does not fire. Throws HttpAuditError when GET / gets no HTTP answer.
 */
export async function auditHttp(
  endpoint: { address: string; port: number; tls: boolean; host?: string | undefined },
  options: { timeoutMs?: number | undefined; signal?: AbortSignal | undefined } = {},
): Promise<{ report: HttpReport; findings: NetFinding[] }> {
  const target: HttpTarget = { ...endpoint, host: endpoint.host ?? endpoint.address };
  const fetchOptions = { timeoutMs: options.timeoutMs ?? defaultTimeoutMs, signal: options.signal };
  const root = await fetchRoot(target, fetchOptions);
  const { answer } = root;
  const title = pageTitle(answer.body);
  const findings: NetFinding[] = [];
  const add = (
    check: string,
    title: string,
    severity: Severity,
    evidence: string,
    remediation: string,
    tags: string[],
  ): void => {
    findings.push(
      endpointFinding(endpoint, {
        check,
        title,
        severity,
        evidence: clipText(evidence, 1000),
        remediation,
        tags,
      }),
    );
  };
  const where = `GET ${root.path} → ${answer.status}`;

  const securityHeaders: Record<string, string | null> = {};
  for (const check of headerChecks) {
    if (check.tlsOnly && !endpoint.tls) continue;
    securityHeaders[check.header] = answer.headers[check.header] ?? null;
  }
  // A redirect page is never shown, so its headers do not matter, except HSTS, which every HTTPS answer should carry.
  const page = !isRedirect(answer.status);
  for (const check of headerChecks) {
    if (check.tlsOnly && !endpoint.tls) continue;
    if (!check.tlsOnly && !page) continue;
    if (securityHeaders[check.header] !== null || check.coveredBy?.(securityHeaders)) continue;
    add(
      check.check,
      check.title,
      check.severity,
      `${where} without a ${headerName(check.header)} header`,
      `nginx: \`${check.nginx}\`; Apache: \`${check.apache}\`.`,
      ['CWE-693'],
    );
  }
  const hsts = securityHeaders['strict-transport-security'];
  const maxAge = hsts ? hstsMaxAge(hsts) : undefined;
  if (hsts && (maxAge === undefined || maxAge < minimumHstsSeconds)) {
    add(
      'http.hsts-short',
      'HSTS max-age too short',
      'low',
      `${where} with Strict-Transport-Security: ${hsts}`,
      `Use a max-age of at least ${minimumHstsSeconds} seconds (180 days); one year is usual: \`max-age=31536000\`.`,
      ['CWE-319'],
    );
  }

  const server = answer.headers.server;
  if (server && /\/\s?v?\d/.test(server)) {
    add(
      'http.server-version-disclosure',
      'Web server version disclosed',
      'low',
      `${where} with Server: ${server}`,
      'Attackers match versions to exploits: nginx `server_tokens off;`, Apache `ServerTokens Prod` and' +
        ' `ServerSignature Off`.',
      ['CWE-200'],
    );
  }
  const poweredBy = answer.headers['x-powered-by'] ?? answer.headers['x-aspnet-version'];
  if (poweredBy && /\d/.test(poweredBy)) {
    add(
      'http.powered-by-disclosure',
      'Application platform version disclosed',
      'low',
      `${where} with ${answer.headers['x-powered-by'] ? 'X-Powered-By' : 'X-AspNet-Version'}: ${poweredBy}`,
      'PHP: `expose_php = Off` in php.ini; Express: `app.disable("x-powered-by")`; ASP.NET:' +
        ' `<httpRuntime enableVersionHeader="false" />`; or strip it at the proxy (nginx `proxy_hide_header X-Powered-By;`).',
      ['CWE-200'],
    );
  }
  if (page && answer.status < 400) {
    const listing = directoryListing(answer.body, title);
    if (listing) {
      add(
        'http.directory-listing',
        'Directory listing enabled',
        'medium',
        `${where}: ${listing}, title ${JSON.stringify(title ?? '')}`,
        'nginx: `autoindex off;`; Apache: `Options -Indexes`; and put an index page in the directory.',
        ['CWE-548'],
      );
    }
    const stock = defaultPage(answer.body, title);
    if (stock) {
      add(
        'http.default-page',
        'Web server default page',
        'low',
        `${where}: ${stock}`,
        'A stock page tells attackers the server is unmaintained: replace it with the site, or remove the' +
          ' default site (Debian: `rm /etc/nginx/sites-enabled/default`, `a2dissite 000-default`).',
        ['CWE-1188'],
      );
    }
  }

  // One path failing (reset, timeout) leaves that path unjudged, not the whole audit.
  const tryFetch = (path: string) => fetchHttp(target, path, fetchOptions).catch(() => undefined);
  const baseline = await tryFetch(`/vigil-${randomBytes(8).toString('hex')}`);
  const baselineTitle = baseline && pageTitle(baseline.body);
  const likeBaseline = (probe: HttpAnswer, probeTitle: string | undefined): boolean =>
    baseline !== undefined &&
    baseline.status === probe.status &&
    (baseline.body === probe.body ||
      (probeTitle === baselineTitle &&
        Math.abs(baseline.body.length - probe.body.length) <= probe.body.length / 10));
  const exposedPaths: HttpReport['exposedPaths'] = [];
  const answers = await Promise.all(probes.map((probe) => tryFetch(probe.path)));
  options.signal?.throwIfAborted();
  probes.forEach((probe, i) => {
    const probed = answers[i];
    if (!probed) return;
    const probedTitle = pageTitle(probed.body);
    if (probe.panel && (probed.status === 401 || probed.status === 403)) {
      exposedPaths.push({
        path: probe.path,
        status: probed.status,
        what: `${probe.panel}, authentication required`,
      });
      return;
    }
    if (probed.status !== 200 || likeBaseline(probed, probedTitle)) return;
    const what = probe.exposes(probed, probedTitle);
    if (!what) return;
    exposedPaths.push({ path: probe.path, status: probed.status, what });
    add(
      probe.check,
      probe.title,
      probe.severity,
      `GET ${probe.path} → 200: ${what}`,
      probe.remediation,
      probe.tags,
    );
  });

  const report: HttpReport = {
    address: endpoint.address,
    port: endpoint.port,
    tls: endpoint.tls,
    host: hostHeader(target),
    status: answer.status,
    ...(server ? { server } : {}),
    ...(answer.headers['x-powered-by'] ? { poweredBy: answer.headers['x-powered-by'] } : {}),
    ...(title ? { title } : {}),
    ...(root.leftOrigin ? { redirect: root.leftOrigin } : {}),
    securityHeaders,
    exposedPaths,
  };
  return { report, findings };
}
