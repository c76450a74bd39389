import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { auditHttp } from '../../../src/modules/nethttp/audit-http.ts';
import { startNginx, type NginxOptions } from '../../helpers/net-services.ts';
import { needs } from '../../helpers/requirements.ts';

/* auditHttp against real nginx (Debian 12's 1.22): the exact findings per configuration. */

const needsNginx = needs('nginx', 'the audited web server');

async function audit(options: NginxOptions, tls = false) {
  const nginx = await startNginx(options);
  try {
    const port = (tls ? nginx.httpsPort : nginx.httpPort) ?? nginx.port;
    return await auditHttp({ address: nginx.address, port, tls }, { timeoutMs: 10_000 });
  } finally {
    await nginx.stop();
  }
}

const checks = (findings: { check: string }[]) => findings.map((f) => f.check);

const missingHeaders = [
  'http.header-missing-csp',
  'http.header-missing-x-frame-options',
  'http.header-missing-x-content-type-options',
  'http.header-missing-referrer-policy',
  'http.header-missing-permissions-policy',
];

const leaky: NginxOptions = {
  https: true,
  files: {
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.env': '# production\nDB_PASSWORD=hunter2\nexport API_KEY="abc"\n',
    'downloads/report.pdf': 'x',
    'admin/index.html': '<html><head><title>Admin dashboard</title></head><body>users: 3</body></html>',
    'phpmyadmin/index.html':
      '<html><head><title>localhost / phpMyAdmin</title></head><body>Databases</body></html>',
    'server-status':
      '<html><head><title>Apache Status</title></head><body><h1>Apache Server Status for localhost</h1></body></html>',
  },
  serverConfig: `autoindex on;
    add_header X-Powered-By PHP/8.2.7;
    location = /nginx_status { stub_status; }
    location /manager/ { auth_basic "manager"; auth_basic_user_file /dev/null; }`,
};

test(
  'a leaky nginx over HTTP: listing, .git, .env, stub_status, open admin, version, no headers',
  needsNginx,
  async () => {
    const { report, findings } = await audit(leaky);
    assert.deepEqual(checks(findings), [
      ...missingHeaders,
      'http.server-version-disclosure',
      'http.powered-by-disclosure',
      'http.directory-listing',
      'http.git-exposed',
      'http.env-exposed',
      'http.server-status-exposed',
      'http.nginx-status-exposed',
      'http.admin-no-auth',
      'http.admin-no-auth',
    ]);
    assert.match(report.server ?? '', /^nginx\/1\.\d+\.\d+$/);
    assert.equal(report.title, 'Index of /');
    assert.equal(report.securityHeaders['strict-transport-security'], undefined);
    const env = findings.find((f) => f.check === 'http.env-exposed');
    assert.equal(env?.evidence, 'GET /.env → 200: dotenv file defining DB_PASSWORD, API_KEY');
    assert.equal(env.evidence.includes('hunter2'), false);
    assert.deepEqual(
      findings.filter((f) => f.check === 'http.admin-no-auth').map((f) => f.evidence),
      [
        'GET /admin/ → 200: admin area without a login form',
        'GET /phpmyadmin/ → 200: phpMyAdmin without a login form',
      ],
    );
    assert.equal(report.poweredBy, 'PHP/8.2.7');
    assert.deepEqual(report.exposedPaths.at(-1), {
      path: '/manager/html',
      status: 401,
      what: 'Tomcat manager, authentication required',
    });
  },
);

test('the same over HTTPS adds the missing HSTS', needsNginx, async () => {
  const { report, findings } = await audit(leaky, true);
  assert.deepEqual(checks(findings), [
    ...missingHeaders,
    'http.hsts-missing',
    'http.server-version-disclosure',
    'http.powered-by-disclosure',
    'http.directory-listing',
    'http.git-exposed',
    'http.env-exposed',
    'http.server-status-exposed',
    'http.nginx-status-exposed',
    'http.admin-no-auth',
    'http.admin-no-auth',
  ]);
  assert.equal(report.tls, true);
  assert.equal(report.securityHeaders['strict-transport-security'], null);
});

const hardened: NginxOptions = {
  https: true,
  serverTokens: false,
  files: {
    'index.html': '<html><head><title>Example</title></head></html>',
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.env': 'DB_PASSWORD=hunter2\n',
    'admin/index.html': '<title>Admin dashboard</title>',
  },
  serverConfig: `add_header Content-Security-Policy "default-src 'self'; frame-ancestors 'none'" always;
    add_header X-Content-Type-Options nosniff always;
    add_header Referrer-Policy no-referrer always;
    add_header Permissions-Policy "camera=()" always;
    add_header Strict-Transport-Security "max-age=31536000" always;
    location ~ /\\.(?!well-known) { deny all; }
    location = /nginx_status { stub_status; allow 127.0.0.2; deny all; }
    location /admin/ { auth_basic "admin"; auth_basic_user_file /dev/null; }`,
};

test(
  'hardened nginx, HTTP and HTTPS: no findings; the protected admin area is listed',
  needsNginx,
  async () => {
    for (const tls of [false, true]) {
      const { report, findings } = await audit(hardened, tls);
      assert.deepEqual(findings, [], `tls ${tls}`);
      assert.equal(report.server, 'nginx');
      assert.equal(report.securityHeaders['x-frame-options'], null);
      assert.deepEqual(report.exposedPaths, [
        { path: '/admin/', status: 401, what: 'admin area, authentication required' },
      ]);
    }
  },
);

test('the stock nginx page and a short HSTS', needsNginx, async () => {
  const { findings } = await audit(
    {
      https: true,
      serverTokens: false,
      files: { 'index.html': readFileSync('/usr/share/nginx/html/index.html', 'utf8') },
      serverConfig: 'add_header Strict-Transport-Security "max-age=600" always;',
    },
    true,
  );
  assert.deepEqual(checks(findings), [...missingHeaders, 'http.hsts-short', 'http.default-page']);
});

test('a site answering 200 with its app to every path raises no path finding', needsNginx, async () => {
  const app = '<html><head><title>Admin console</title></head><body><div id="app"></div></body></html>';
  const { report, findings } = await audit({
    serverTokens: false,
    files: { 'index.html': app },
    serverConfig: 'location / { try_files $uri /index.html; }',
  });
  assert.deepEqual(checks(findings), missingHeaders);
  assert.deepEqual(report.exposedPaths, []);
});

test(
  'a redirect to another origin is reported, not followed, and carries no page findings',
  needsNginx,
  async () => {
    const { report, findings } = await audit({
      serverTokens: false,
      serverConfig: 'location / { return 301 https://www.example.com$request_uri; }',
    });
    assert.equal(report.status, 301);
    assert.equal(report.redirect, 'https://www.example.com/');
    assert.deepEqual(findings, []);
  },
);
