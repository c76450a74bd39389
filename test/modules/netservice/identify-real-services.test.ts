import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import pg from 'pg';
import { exposureFindings } from '../../../src/modules/netservice/exposure-findings.ts';
import { identifyService } from '../../../src/modules/netservice/identify-service.ts';
import { NetServiceError } from '../../../src/modules/netservice/net-service-error.ts';
import { freePort } from '../../helpers/child-process.ts';
import {
  localhost,
  machinePostgres,
  startMosquitto,
  startNats,
  startNginx,
  startRedis,
  startSServer,
  startSshd,
} from '../../helpers/net-services.ts';
import { needs } from '../../helpers/requirements.ts';

/*
 * identifyService against real daemons: each started on a free port (so no port-number hint helps),
 * except the machine's own PostgreSQL (5432), MariaDB (3306) and RabbitMQ (5672). Versions are
 * compared with what the installed program itself reports.
 */

const identify = (port: number) => identifyService({ address: localhost, port });
const checks = (findings: { check: string; severity: string }[]) =>
  findings.map((f) => `${f.check} ${f.severity}`);

test(
  'Redis: open answers PING (auth none, version from INFO); requirepass says NOAUTH',
  needs('redis-server', 'cache'),
  async () => {
    const version = /v=(\d+\.\d+\.\d+)/.exec(
      execFileSync('redis-server', ['--version'], { encoding: 'utf8' }),
    )?.[1];
    const [open, locked] = await Promise.all([startRedis(), startRedis({ password: 'vigil-test-secret' })]);
    try {
      const [openInfo, lockedInfo] = await Promise.all([identify(open.port), identify(locked.port)]);
      assert.deepEqual(
        { ...openInfo, details: undefined },
        {
          address: localhost,
          port: open.port,
          transport: 'tcp',
          service: 'redis',
          product: 'Redis',
          version,
          auth: 'none',
          method: 'probe',
          tls: false,
          details: undefined,
        },
      );
      assert.equal(lockedInfo.service, 'redis');
      assert.equal(lockedInfo.auth, 'required');
      assert.equal(lockedInfo.version, undefined);
      assert.deepEqual(checks(exposureFindings(openInfo, {})), ['exposure.redis-no-auth critical']);
      assert.deepEqual(checks(exposureFindings(lockedInfo, {})), []);
      assert.deepEqual(checks(exposureFindings(lockedInfo, { internetFacing: true })), [
        'exposure.internet-redis high',
      ]);
    } finally {
      await Promise.all([open.stop(), locked.stop()]);
    }
  },
);

test('PostgreSQL on 127.0.0.1:5432 trusts local connections: auth none and the exact server version', async () => {
  const client = new pg.Client({ host: localhost, port: 5432, user: 'postgres', database: 'postgres' });
  await client.connect();
  const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
  await client.end();
  const serverVersion = rows[0]?.server_version ?? '';
  const info = await identifyService(machinePostgres);
  assert.deepEqual(info, {
    address: localhost,
    port: 5432,
    transport: 'tcp',
    service: 'postgresql',
    product: 'PostgreSQL',
    version: /^\d+\.\d+/.exec(serverVersion)?.[0],
    starttls: false,
    auth: 'none',
    method: 'probe',
    tls: false,
    details: { serverVersion },
  });
  const [finding] = exposureFindings(info, { host: 'db.test' });
  assert.equal(finding?.check, 'exposure.postgresql-no-auth');
  assert.equal(finding.severity, 'critical');
  assert.equal(finding.host, 'db.test');
  assert.match(finding.evidence, /AuthenticationOk .* as user postgres/);
});

test(
  'nginx over HTTP and HTTPS on odd ports: product nginx and its version',
  needs('nginx', 'web server'),
  async () => {
    const nginxVersion = /nginx\/(\S+)/.exec(
      execFileSync('sh', ['-c', 'nginx -v 2>&1'], { encoding: 'utf8' }),
    )?.[1];
    const nginx = await startNginx({ https: true });
    try {
      const [http, https] = await Promise.all([
        identify(nginx.httpPort ?? 0),
        identify(nginx.httpsPort ?? 0),
      ]);
      for (const [info, tls] of [
        [http, false],
        [https, true],
      ] as const) {
        assert.equal(info.service, 'http');
        assert.equal(info.tls, tls);
        assert.equal(info.product, 'nginx');
        assert.equal(info.version, nginxVersion);
        assert.equal(info.method, 'probe');
        assert.equal(info.details?.status, '200');
      }
      assert.equal(https.details?.certificateSubject, 'localhost');
      assert.deepEqual(exposureFindings(https, { internetFacing: true }), []);
    } finally {
      await nginx.stop();
    }
  },
);

test('sshd: OpenSSH and its version from the banner', needs('ssh-keygen', 'host keys'), async () => {
  const sshd = await startSshd({ hostKeyTypes: ['ed25519'] });
  try {
    const info = await identify(sshd.port);
    // The package's upstream version (`1:9.2p1-2+deb12u10` → 9.2p1); `sshd -V` leaves out the p1.
    const installed = /^(?:\d+:)?([^-]+)/.exec(
      execFileSync('dpkg-query', ['-W', '-f=${Version}', 'openssh-server'], { encoding: 'utf8' }),
    );
    assert.equal(info.service, 'ssh');
    assert.equal(info.product, 'OpenSSH');
    assert.equal(info.version, installed?.[1]);
    assert.equal(info.method, 'banner');
    assert.match(info.banner ?? '', /^SSH-2\.0-OpenSSH_/);
  } finally {
    await sshd.stop();
  }
});

test(
  'TLS on an odd port (openssl s_server, TLS 1.0 only): TLS, with the HTTP inside',
  needs('openssl', 'TLS server'),
  async () => {
    const server = await startSServer({ args: ['-tls1', '-cipher', 'AES128-SHA:@SECLEVEL=0'] });
    try {
      const info = await identify(server.port);
      assert.equal(info.tls, true);
      assert.equal(info.service, 'http');
      assert.equal(info.product, 'OpenSSL s_server');
      assert.equal(info.details?.tlsVersion, 'TLSv1');
      assert.equal(info.details.tlsCipher, 'AES128-SHA');
    } finally {
      await server.stop();
    }
  },
);

test('TLS with nothing recognisable inside is service tls', needs('openssl', 'TLS server'), async () => {
  const server = await startSServer({ www: false, args: ['-quiet'] });
  try {
    const info = await identifyService({ address: localhost, port: server.port }, { replyWaitMs: 500 });
    assert.equal(info.service, 'tls');
    assert.equal(info.tls, true);
    assert.equal(info.details?.tlsVersion, 'TLSv1.3');
  } finally {
    await server.stop();
  }
});

test(
  'TLS whose handshake cannot finish (client certificate required) is still TLS',
  needs('openssl', 'TLS server'),
  async () => {
    const server = await startSServer({ args: ['-tls1_2', '-Verify', '1'] });
    try {
      const info = await identifyService({ address: localhost, port: server.port }, { replyWaitMs: 500 });
      assert.deepEqual([info.service, info.tls, info.details], ['tls', true, { tlsHandshake: 'failed' }]);
    } finally {
      await server.stop();
    }
  },
);

test(
  'mosquitto: anonymous CONNECT accepted (auth none, version from $SYS) or refused',
  needs('mosquitto', 'MQTT broker'),
  async () => {
    const [open, closed] = await Promise.all([
      startMosquitto(),
      startMosquitto({ anonymous: false, users: { vigil: 'secret' } }),
    ]);
    try {
      const [openInfo, closedInfo] = await Promise.all([identify(open.port), identify(closed.port)]);
      const installed = /mosquitto version (\S+)/.exec(
        execFileSync('sh', ['-c', 'mosquitto -h 2>&1 || true'], { encoding: 'utf8' }),
      );
      assert.deepEqual(
        [openInfo.service, openInfo.auth, openInfo.product, openInfo.version],
        ['mqtt', 'none', 'mosquitto', installed?.[1]],
      );
      assert.deepEqual(
        [closedInfo.service, closedInfo.auth, closedInfo.details?.connack],
        ['mqtt', 'required', 'not authorized'],
      );
      assert.deepEqual(checks(exposureFindings(openInfo)), ['exposure.mqtt-no-auth high']);
      assert.deepEqual(checks(exposureFindings(closedInfo)), []);
    } finally {
      await Promise.all([open.stop(), closed.stop()]);
    }
  },
);

test(
  'nats-server: INFO greeting with version and auth_required',
  needs('nats-server', 'NATS broker'),
  async () => {
    const [open, closed] = await Promise.all([startNats(), startNats({ user: 'vigil', password: 'secret' })]);
    try {
      const [openInfo, closedInfo] = await Promise.all([identify(open.port), identify(closed.port)]);
      const installed = /v(\d\S*)/.exec(
        execFileSync('nats-server', ['--version'], { encoding: 'utf8' }),
      )?.[1];
      assert.deepEqual(
        [openInfo.service, openInfo.product, openInfo.version, openInfo.auth],
        ['nats', 'nats-server', installed, 'none'],
      );
      assert.equal(closedInfo.auth, 'required');
      assert.deepEqual(checks(exposureFindings(openInfo)), ['exposure.nats-no-auth high']);
      assert.deepEqual(checks(exposureFindings(closedInfo)), []);
    } finally {
      await Promise.all([open.stop(), closed.stop()]);
    }
  },
);

test(
  "the machine's MariaDB (3306): handshake version, root with an empty password (as the machine sets it up)",
  needs('mariadbd', 'the machine runs MariaDB on 3306'),
  async () => {
    const info = await identify(3306);
    const installed = /Distrib (\d+\.\d+\.\d+)-MariaDB/.exec(
      execFileSync('mariadb', ['--version'], { encoding: 'utf8' }),
    )?.[1];
    assert.deepEqual(
      [info.service, info.product, info.version, info.method, info.auth, info.details?.emptyPasswordUser],
      ['mysql', 'MariaDB', installed, 'probe', 'none', 'root'],
    );
    assert.deepEqual(checks(exposureFindings(info, { internetFacing: true })), [
      'exposure.mysql-no-auth critical',
      'exposure.internet-mysql high',
    ]);
  },
);

test(
  "the machine's RabbitMQ (5672): Connection.Start product and version",
  needs('rabbitmq-server', 'the machine runs RabbitMQ on 5672'),
  async () => {
    const info = await identify(5672);
    assert.equal(info.service, 'amqp');
    assert.equal(info.product, 'RabbitMQ');
    assert.match(info.version ?? '', /^\d+\.\d+\.\d+$/);
    assert.equal(info.details?.protocol, '0-9');
    assert.match(info.details.authMechanisms ?? '', /\bPLAIN\b/);
  },
);

test('a closed port is a NetServiceError connect-failed', async () => {
  const port = await freePort();
  await assert.rejects(
    identify(port),
    (error) => error instanceof NetServiceError && error.code === 'connect-failed',
  );
});
