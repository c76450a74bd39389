import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ServiceInfo } from '../../../src/protocol/netscan.ts';
import { exposureFindings } from '../../../src/modules/netservice/exposure-findings.ts';
import { identifyService } from '../../../src/modules/netservice/identify-service.ts';
import { NetServiceError } from '../../../src/modules/netservice/net-service-error.ts';
import {
  dnsVersionReply,
  dovecotImapCapabilityNoTls,
  dovecotImapGreeting,
  dovecotImapGreetingNoTls,
  dovecotPop3Capa,
  dovecotPop3Greeting,
  elasticResponse,
  mongoBuildInfo,
  mongoDatabases,
  mongoHello,
  mongoReply,
  mongoUnauthorized,
  mysqlAccessDenied,
  mysqlAuthSwitch,
  mysqlHandshake,
  mysqlOk,
  postfixEhloNoTls,
  postfixEhloTlsOnly,
  postfixGreeting,
  rdpConfirmNla,
  rdpConfirmStandard,
  smbNegotiateResponse,
  telnetGreeting,
  vsftpdFeat,
  vsftpdFeatTls,
  vsftpdGreeting,
} from './protocol-fixtures.ts';
import { startScriptedServer, type Reply } from './scripted-server.ts';

/*
 * Protocols with no daemon on the test machines (MongoDB and Elasticsearch are not in Debian; RDP and
 * SMB servers, DNS, FTP, SMTP, IMAP, POP3 and Telnet daemons are not installed): a tiny TCP server
 * stands in for each, answering the probe's request with the bytes the real daemon sends and closing
 * on anything else, as the real ones do. Ports are free ones, so no port-number hint helps.
 */

const fast = { replyWaitMs: 500, timeoutMs: 8000 };

async function identifyWith(script: {
  greeting?: string | Buffer | string[];
  reply?: (request: Buffer) => Reply;
}): Promise<{
  info: ServiceInfo;
  requests: string[];
}> {
  const server = await startScriptedServer(script);
  try {
    const info = await identifyService({ address: '127.0.0.1', port: server.port }, fast);
    return { info, requests: server.requests.map((r) => r.toString('latin1')) };
  } finally {
    await server.stop();
  }
}

const checks = (info: ServiceInfo, internetFacing = false) =>
  exposureFindings(info, { internetFacing }).map((f) => `${f.check} ${f.severity}`);

/** Text protocols: one reply per command, matched on the command's first word. */
function commands(replies: Record<string, string>): (request: Buffer) => Reply {
  return (request) => {
    const word = /^(?:a\d+ )?(\w+)/.exec(request.toString('latin1'))?.[1]?.toUpperCase() ?? '';
    return replies[word] ?? 'close';
  };
}

function mongo(listDatabases: Record<string, unknown>) {
  return (request: Buffer): Reply => {
    if (request.length < 21 || request.readInt32LE(12) !== 2013) return 'close';
    const id = request.readInt32LE(4);
    const text = request.toString('latin1');
    if (text.includes('hello')) return mongoReply(id, mongoHello);
    if (text.includes('buildInfo')) return mongoReply(id, mongoBuildInfo);
    if (text.includes('listDatabases')) return mongoReply(id, listDatabases);
    return 'close';
  };
}

test('MongoDB (stand-in): hello, buildInfo version, listDatabases open or Unauthorized', async () => {
  const open = await identifyWith({ reply: mongo(mongoDatabases) });
  assert.deepEqual(open.info, {
    address: '127.0.0.1',
    port: open.info.port,
    transport: 'tcp',
    service: 'mongodb',
    product: 'MongoDB',
    version: '7.0.14',
    auth: 'none',
    method: 'probe',
    tls: false,
    details: { maxWireVersion: '21', databases: '3' },
  });
  assert.deepEqual(checks(open.info, true), [
    'exposure.mongodb-no-auth critical',
    'exposure.internet-mongodb high',
  ]);
  const locked = await identifyWith({ reply: mongo(mongoUnauthorized) });
  assert.equal(locked.info.auth, 'required');
  assert.deepEqual(checks(locked.info), []);
});

test('Elasticsearch (stand-in): root document without 401 is auth none; 401 realm security is required', async () => {
  const http = (secured: boolean) => (request: Buffer) =>
    request.toString('latin1').startsWith('GET / HTTP/1.1\r\n') ? elasticResponse(secured) : 'close';
  const open = await identifyWith({ reply: http(false) });
  assert.deepEqual(
    [open.info.service, open.info.product, open.info.version, open.info.auth, open.info.details?.clusterName],
    ['elasticsearch', 'Elasticsearch', '8.15.0', 'none', 'docker-cluster'],
  );
  assert.match(open.requests.at(-1) ?? '', /^GET \/ HTTP\/1\.1\r\nHost: 127\.0\.0\.1\r\n/);
  assert.deepEqual(checks(open.info), ['exposure.elasticsearch-no-auth critical']);
  const secured = await identifyWith({ reply: http(true) });
  assert.deepEqual([secured.info.service, secured.info.auth], ['elasticsearch', 'required']);
  assert.deepEqual(checks(secured.info), []);
});

test('RDP (stand-in): X.224 Connection Confirm, NLA or not', async () => {
  const rdp = (confirm: Buffer) => (request: Buffer) =>
    request[0] === 3 && request[5] === 0xe0 ? confirm : 'close';
  const nla = await identifyWith({ reply: rdp(rdpConfirmNla) });
  assert.deepEqual(
    [nla.info.service, nla.info.details],
    ['rdp', { securityProtocol: 'credssp', nla: 'yes' }],
  );
  const standard = await identifyWith({ reply: rdp(rdpConfirmStandard) });
  assert.deepEqual(standard.info.details, { securityProtocol: 'rdp', nla: 'no' });
  assert.deepEqual(checks(nla.info), []);
  assert.deepEqual(checks(nla.info, true), ['exposure.internet-rdp high']);
});

test('SMB (stand-in): SMB2 NEGOTIATE response with dialect and signing', async () => {
  const smb = await identifyWith({
    reply: (request) =>
      request.subarray(4, 8).toString('latin1') === '\xfeSMB' ? smbNegotiateResponse() : 'close',
  });
  assert.deepEqual(
    [smb.info.service, smb.info.details],
    ['smb', { dialect: '3.0.2', signingRequired: 'yes' }],
  );
  assert.deepEqual(checks(smb.info, true), ['exposure.internet-smb critical']);
});

test('DNS over TCP (stand-in): version.bind CH TXT names BIND and its version', async () => {
  const dns = await identifyWith({
    reply: (request) =>
      request.length >= 14 && request.subarray(14).toString('latin1').startsWith('\x07version\x04bind')
        ? dnsVersionReply(request.readUInt16BE(2), '9.18.28-1~deb12u2-Debian')
        : 'close',
  });
  assert.deepEqual(
    [dns.info.service, dns.info.product, dns.info.version, dns.info.details?.versionBind],
    ['dns', 'ISC BIND', '9.18.28', '9.18.28-1~deb12u2-Debian'],
  );
});

test('Telnet (stand-in): IAC option negotiation is telnet, a clear-text finding', async () => {
  const telnet = await identifyWith({ greeting: telnetGreeting });
  assert.deepEqual([telnet.info.service, telnet.info.method], ['telnet', 'banner']);
  assert.deepEqual(checks(telnet.info), ['exposure.cleartext-telnet high']);
});

test('FTP (stand-in vsftpd): FEAT without AUTH TLS is clear text; with it, not', async () => {
  const plain = await identifyWith({
    greeting: vsftpdGreeting,
    reply: commands({ FEAT: vsftpdFeat, QUIT: '221 Goodbye.\r\n' }),
  });
  assert.deepEqual(
    [plain.info.service, plain.info.product, plain.info.version, plain.info.starttls],
    ['ftp', 'vsFTPd', '3.0.3', false],
  );
  assert.equal(plain.info.banner, '220 (vsFTPd 3.0.3)');
  assert.deepEqual(checks(plain.info), ['exposure.cleartext-ftp high']);
  const tls = await identifyWith({
    greeting: vsftpdGreeting,
    reply: commands({ FEAT: vsftpdFeatTls, QUIT: '221 Goodbye.\r\n' }),
  });
  assert.equal(tls.info.starttls, true);
  assert.deepEqual(checks(tls.info), []);
});

test('FTP (stand-in ProFTPD): a multi-line greeting sent in two pieces is read to its last line', async () => {
  const ftp = await identifyWith({
    greeting: ['220-Welcome to the archive\r\n', '220 ProFTPD 1.3.8 Server (Debian) [127.0.0.1]\r\n'],
    reply: commands({ EHLO: '500 EHLO not understood\r\n', FEAT: vsftpdFeatTls, QUIT: '221 Goodbye.\r\n' }),
  });
  assert.deepEqual(
    [ftp.info.service, ftp.info.product, ftp.info.version, ftp.info.banner, ftp.info.starttls],
    ['ftp', 'ProFTPD', '1.3.8', '220-Welcome to the archive', true],
  );
});

test('SMTP (stand-in Postfix): EHLO with AUTH and no STARTTLS; STARTTLS and no AUTH', async () => {
  const plain = await identifyWith({
    greeting: postfixGreeting,
    reply: commands({ EHLO: postfixEhloNoTls, QUIT: '221 2.0.0 Bye\r\n' }),
  });
  assert.deepEqual(
    [plain.info.service, plain.info.product, plain.info.starttls, plain.info.details?.authMechanisms],
    ['smtp', 'Postfix', false, 'PLAIN LOGIN'],
  );
  assert.equal(plain.requests[0], 'EHLO vigil.invalid\r\n');
  assert.deepEqual(checks(plain.info), [
    'exposure.cleartext-smtp-auth medium',
    'exposure.smtp-no-starttls low',
  ]);
  const tls = await identifyWith({
    greeting: postfixGreeting,
    reply: commands({ EHLO: postfixEhloTlsOnly, QUIT: '221 2.0.0 Bye\r\n' }),
  });
  assert.equal(tls.info.starttls, true);
  assert.deepEqual(checks(tls.info), []);
});

test('IMAP (stand-in Dovecot): capabilities in the greeting or from CAPABILITY', async () => {
  const good = await identifyWith({
    greeting: dovecotImapGreeting,
    reply: commands({ LOGOUT: '* BYE\r\na2 OK\r\n' }),
  });
  assert.deepEqual(
    [good.info.service, good.info.product, good.info.starttls, good.info.details],
    ['imap', 'Dovecot', true, {}],
  );
  assert.deepEqual(checks(good.info), []);
  const bad = await identifyWith({
    greeting: dovecotImapGreetingNoTls,
    reply: commands({ CAPABILITY: dovecotImapCapabilityNoTls, LOGOUT: '* BYE\r\na2 OK\r\n' }),
  });
  assert.deepEqual(
    [bad.info.starttls, bad.info.details],
    [false, { authMechanisms: 'PLAIN', plaintextLogin: 'yes' }],
  );
  assert.deepEqual(checks(bad.info), ['exposure.imap-no-starttls high']);
});

test('POP3 (stand-in Dovecot): CAPA with STLS, but USER and SASL PLAIN before it', async () => {
  const pop3 = await identifyWith({
    greeting: dovecotPop3Greeting,
    reply: commands({ CAPA: dovecotPop3Capa, QUIT: '+OK Logging out.\r\n' }),
  });
  assert.deepEqual(
    [pop3.info.service, pop3.info.product, pop3.info.starttls, pop3.info.details],
    ['pop3', 'Dovecot', true, { authMechanisms: 'PLAIN', plaintextLogin: 'yes' }],
  );
  assert.deepEqual(checks(pop3.info), ['exposure.cleartext-pop3-auth medium']);
});

test('MySQL 8 (stand-in): root with an empty password refused, or let in after an auth switch', async () => {
  const login = (afterLogin: Buffer, afterSwitch?: Buffer) => (request: Buffer) =>
    request[3] === 1 ? afterLogin : request[3] === 3 && afterSwitch ? afterSwitch : 'close';
  const denied = await identifyWith({ greeting: mysqlHandshake('8.0.39'), reply: login(mysqlAccessDenied) });
  assert.deepEqual(
    [
      denied.info.service,
      denied.info.product,
      denied.info.version,
      denied.info.auth,
      denied.info.details?.loginError,
    ],
    [
      'mysql',
      'MySQL',
      '8.0.39',
      'required',
      "Access denied for user 'root'@'localhost' (using password: NO)",
    ],
  );
  assert.match(denied.requests[0] ?? '', /root\0\0mysql_native_password\0$/);
  assert.deepEqual(checks(denied.info), []);
  const open = await identifyWith({
    greeting: mysqlHandshake('8.0.39'),
    reply: login(mysqlAuthSwitch, mysqlOk),
  });
  assert.equal(open.info.auth, 'none');
  assert.equal(open.requests[1], '\x00\x00\x00\x03');
  assert.deepEqual(checks(open.info), ['exposure.mysql-no-auth critical']);
});

test('PostgreSQL offering TLS (stand-in): S to SSLRequest, then md5 asked on a second connection', async () => {
  const md5Request = Buffer.from([0x52, 0, 0, 0, 12, 0, 0, 0, 5, 0x1f, 0x2e, 0x3d, 0x4c]);
  const pg = await identifyWith({
    reply: (request) =>
      request.length === 8 && request.readInt32BE(4) === 80877103
        ? 'S'
        : request.length > 8 && request.readInt32BE(4) === 0x30000
          ? md5Request
          : 'close',
  });
  assert.deepEqual(
    [pg.info.service, pg.info.starttls, pg.info.auth, pg.info.details],
    ['postgresql', true, 'required', { authMethod: 'md5' }],
  );
  assert.ok(pg.requests.some((request) => /user\0postgres\0database\0postgres\0/.test(request)));
});

test('an abort stops the identification with code aborted', async () => {
  const server = await startScriptedServer({});
  try {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 300);
    await assert.rejects(
      identifyService({ address: '127.0.0.1', port: server.port }, { signal: controller.signal }),
      (error) => error instanceof NetServiceError && error.code === 'aborted',
    );
    assert.ok(Date.now() - started < 2000);
  } finally {
    await server.stop();
  }
});

test('a hostile greeting: control characters never reach the banner, a flood is capped', async () => {
  const evil = await identifyWith({ greeting: 'SSH-2.0-Evil\x1b[2J\x07_1.0 \u202eloot\r\n' });
  assert.equal(evil.info.service, 'ssh');
  assert.doesNotMatch(
    `${evil.info.banner}${evil.info.product}${evil.info.details?.comments}`,
    /[\x00-\x1f\x7f\u202e]/,
  );
  const flood = await identifyWith({ greeting: Buffer.alloc(1024 * 1024, 0x41) });
  assert.deepEqual([flood.info.service, flood.info.method], ['unknown', 'banner']);
  assert.ok((flood.info.banner ?? '').length <= 200);
});

test('a silent service is unknown once the time is up', async () => {
  const started = Date.now();
  const server = await startScriptedServer({});
  try {
    const info = await identifyService(
      { address: '127.0.0.1', port: server.port },
      { replyWaitMs: 200, timeoutMs: 3000 },
    );
    assert.deepEqual([info.service, info.method, info.banner], ['unknown', 'port', undefined]);
    assert.ok(Date.now() - started < 4000);
  } finally {
    await server.stop();
  }
});
