import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { productVersion } from '../../../src/modules/netservice/banner-line.ts';
import { BsonError, decodeDocument } from '../../../src/modules/netservice/bson.ts';
import { matchGreeting, telnetText } from '../../../src/modules/netservice/match-greeting.ts';
import { parseHttpResponse } from '../../../src/modules/netservice/parse-http-response.ts';
import { parseMysqlHandshake } from '../../../src/modules/netservice/parse-mysql-handshake.ts';
import { parseNatsInfo } from '../../../src/modules/netservice/parse-nats-info.ts';
import { parseSshBanner } from '../../../src/modules/netservice/parse-ssh-banner.ts';
import { parseConnectionStart } from '../../../src/modules/netservice/probe-amqp.ts';
import { parseDnsReply } from '../../../src/modules/netservice/probe-dns.ts';
import {
  parseEhlo,
  parseFtpFeat,
  parseImapCapabilities,
  parsePop3Capa,
} from '../../../src/modules/netservice/probe-mail.ts';
import { readReply } from '../../../src/modules/netservice/probe-mongodb.ts';
import { brokerVersion, readPackets } from '../../../src/modules/netservice/probe-mqtt.ts';
import { readStartupReply, startupMessage } from '../../../src/modules/netservice/probe-postgresql.ts';
import { parseConnectionConfirm } from '../../../src/modules/netservice/probe-rdp.ts';
import { parseNegotiateResponse } from '../../../src/modules/netservice/probe-smb.ts';
import {
  amqpConnectionStart,
  dnsVersionReply,
  dovecotImapGreeting,
  dovecotPop3Capa,
  elasticResponse,
  mongoBuildInfo,
  mongoReply,
  mysqlHandshake,
  postfixEhloNoTls,
  rdpConfirmNla,
  smbNegotiateResponse,
  telnetGreeting,
  vsftpdFeatTls,
} from './protocol-fixtures.ts';

/* The protocol parsers on captured-format bytes, and on hostile bytes: they never throw and never pass control characters on. */

test('SSH banners: OpenSSH, dropbear, Windows, and lines before the banner', () => {
  assert.deepEqual(parseSshBanner(Buffer.from('SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n')), {
    service: 'ssh',
    banner: 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3',
    product: 'OpenSSH',
    version: '9.2p1',
    details: { protocol: '2.0', comments: 'Debian-2+deb12u3' },
  });
  assert.deepEqual(
    [
      parseSshBanner(Buffer.from('SSH-2.0-dropbear_2022.83\r\n'))?.product,
      parseSshBanner(Buffer.from('SSH-2.0-dropbear_2022.83\r\n'))?.version,
    ],
    ['dropbear', '2022.83'],
  );
  assert.equal(
    parseSshBanner(Buffer.from('SSH-2.0-OpenSSH_for_Windows_8.1\r\n'))?.product,
    'OpenSSH_for_Windows',
  );
  assert.equal(parseSshBanner(Buffer.from('Welcome\r\nSSH-1.99-Cisco-1.25\r\n'))?.version, '1.25');
  assert.equal(parseSshBanner(Buffer.from('HTTP/1.1 400\r\n')), undefined);
});

test('HTTP: Server header split into product and version; Elasticsearch recognised', () => {
  assert.deepEqual(productVersion('Apache/2.4.57 (Debian)'), { product: 'Apache', version: '2.4.57' });
  assert.deepEqual(productVersion('Microsoft-IIS/10.0'), { product: 'Microsoft-IIS', version: '10.0' });
  assert.deepEqual(productVersion('cloudflare'), { product: 'cloudflare' });
  assert.deepEqual(
    parseHttpResponse(
      Buffer.from('HTTP/1.1 401 Unauthorized\r\nServer: nginx/1.22.1\r\nContent-Length: 0\r\n\r\n'),
    ),
    {
      service: 'http',
      banner: 'HTTP/1.1 401 Unauthorized',
      product: 'nginx',
      version: '1.22.1',
      auth: 'required',
      details: { status: '401', server: 'nginx/1.22.1' },
    },
  );
  const es = parseHttpResponse(Buffer.from(elasticResponse(false)));
  assert.deepEqual([es?.service, es?.version, es?.auth], ['elasticsearch', '8.15.0', 'none']);
  assert.equal(parseHttpResponse(Buffer.from('SSH-2.0-x\r\n')), undefined);
});

test('MySQL and MariaDB handshakes, and the refusal packet', () => {
  assert.deepEqual(parseMysqlHandshake(mysqlHandshake('8.0.39')), {
    service: 'mysql',
    product: 'MySQL',
    version: '8.0.39',
    banner: '8.0.39',
    details: { serverVersion: '8.0.39' },
  });
  const maria = parseMysqlHandshake(mysqlHandshake('5.5.5-10.11.6-MariaDB-0+deb12u1'));
  assert.deepEqual([maria?.product, maria?.version], ['MariaDB', '10.11.6']);
  const refusal = Buffer.from(
    "\x45\x00\x00\x00\xff\x6a\x04Host '10.0.0.9' is not allowed to connect to this MariaDB server",
    'latin1',
  );
  refusal.writeUIntLE(refusal.length - 4, 0, 3);
  assert.equal(parseMysqlHandshake(refusal)?.service, 'mysql');
});

test('NATS INFO, AMQP Connection.Start, MQTT $SYS version, PostgreSQL startup replies', () => {
  const nats = parseNatsInfo(
    Buffer.from(
      'INFO {"server_id":"N1","version":"2.10.4","go":"go1.21","auth_required":true,"max_payload":1048576}\r\n',
    ),
  );
  assert.deepEqual([nats?.version, nats?.auth], ['2.10.4', 'required']);
  assert.equal(parseNatsInfo(Buffer.from('INFO {not json\r\n')), undefined);

  assert.deepEqual(parseConnectionStart(amqpConnectionStart()), {
    service: 'amqp',
    product: 'RabbitMQ',
    version: '3.10.8',
    method: 'probe',
    details: { protocol: '0-9', authMechanisms: 'PLAIN AMQPLAIN', platform: 'Erlang/OTP 25.2.3' },
  });

  const empty = Buffer.from([1, 0, 0, 0, 0, 0, 0, 0xce, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  assert.equal(parseConnectionStart(empty), undefined);
  empty.writeUInt32BE(2, 3);
  empty[9] = 0xce;
  assert.equal(parseConnectionStart(empty), undefined);

  const topic = Buffer.from('$SYS/broker/version');
  const body = Buffer.concat([
    Buffer.from([0, topic.length]),
    topic,
    Buffer.from('mosquitto version 2.0.18'),
  ]);
  const publish = Buffer.concat([Buffer.from([0x90, 3, 0, 1, 0]), Buffer.from([0x31, body.length]), body]);
  assert.deepEqual(
    readPackets(publish).map((p) => p.type),
    [9, 3],
  );
  assert.deepEqual(brokerVersion(publish), { product: 'mosquitto', version: '2.0.18' });

  const md5 = Buffer.from([0x52, 0, 0, 0, 12, 0, 0, 0, 5, 1, 2, 3, 4]);
  assert.deepEqual(readStartupReply(md5), { done: true, authCode: 5 });
  assert.equal(startupMessage('postgres', 'postgres').readInt32BE(4), 0x30000);
  assert.equal(readStartupReply(Buffer.from('HTTP/1.1 400 Bad Request\r\n')), undefined);
});

test('mail and FTP capability lists', () => {
  assert.deepEqual(parseEhlo(Buffer.from(postfixEhloNoTls)), {
    starttls: false,
    authMechanisms: 'PLAIN LOGIN',
  });
  assert.deepEqual(parseEhlo(Buffer.from('250-mx\r\n250-AUTH=LOGIN\r\n250 STARTTLS\r\n')), {
    starttls: true,
    authMechanisms: 'LOGIN',
  });
  assert.deepEqual(parseImapCapabilities(Buffer.from(dovecotImapGreeting)), {
    starttls: true,
    authMechanisms: '',
    plaintextLogin: false,
  });
  assert.deepEqual(parsePop3Capa(Buffer.from(dovecotPop3Capa)), {
    starttls: true,
    authMechanisms: 'PLAIN',
    plaintextLogin: true,
  });
  assert.deepEqual(parseFtpFeat(Buffer.from(vsftpdFeatTls)), { starttls: true });
});

test('RDP, SMB, DNS, MongoDB, Telnet bytes', () => {
  assert.deepEqual(parseConnectionConfirm(rdpConfirmNla)?.details, {
    securityProtocol: 'credssp',
    nla: 'yes',
  });
  assert.deepEqual(parseNegotiateResponse(smbNegotiateResponse())?.details, {
    dialect: '3.0.2',
    signingRequired: 'yes',
  });
  assert.deepEqual(parseNegotiateResponse(Buffer.from('\x00\x00\x00\x23\xffSMBr', 'latin1'))?.details, {
    dialect: 'SMB1',
  });
  assert.deepEqual(parseDnsReply(dnsVersionReply(0x5649, 'dnsmasq-2.89')), {
    service: 'dns',
    method: 'probe',
    product: 'dnsmasq',
    version: '2.89',
    banner: 'dnsmasq-2.89',
    details: { rcode: '0', versionBind: 'dnsmasq-2.89' },
  });
  assert.equal(parseDnsReply(dnsVersionReply(0x1234, 'x')), undefined);
  assert.equal(readReply(mongoReply(2, mongoBuildInfo), 2)?.version, '7.0.14');
  assert.equal(readReply(mongoReply(2, mongoBuildInfo), 3), undefined);
  assert.equal(
    telnetText(Buffer.concat([telnetGreeting, Buffer.from('\r\nDebian GNU/Linux 12\r\nlogin: ')])),
    'Debian GNU/Linux 12\r\nlogin: ',
  );
  assert.equal(matchGreeting(telnetGreeting)?.service, 'telnet');
});

test('BSON decoding refuses what is malformed or too deep', () => {
  assert.throws(() => decodeDocument(Buffer.from([5, 0, 0, 0, 1])), BsonError);
  let deep = Buffer.from([5, 0, 0, 0, 0]);
  for (let i = 0; i < 20; i++) {
    const inner = Buffer.concat([Buffer.from([0x03, 0x61, 0]), deep]);
    deep = Buffer.concat([Buffer.alloc(4), inner, Buffer.from([0])]);
    deep.writeInt32LE(deep.length, 0);
  }
  assert.throws(() => decodeDocument(deep), /too deep/);
});

const parsers: [string, (bytes: Buffer) => unknown][] = [
  ['matchGreeting', (b) => matchGreeting(b)],
  ['parseSshBanner', parseSshBanner],
  ['parseHttpResponse', parseHttpResponse],
  ['parseMysqlHandshake', parseMysqlHandshake],
  ['parseNatsInfo', parseNatsInfo],
  ['parseConnectionStart', parseConnectionStart],
  ['readPackets', readPackets],
  ['brokerVersion', brokerVersion],
  ['readStartupReply', readStartupReply],
  ['parseEhlo', parseEhlo],
  ['parseImapCapabilities', parseImapCapabilities],
  ['parsePop3Capa', parsePop3Capa],
  ['parseFtpFeat', parseFtpFeat],
  ['parseConnectionConfirm', parseConnectionConfirm],
  ['parseNegotiateResponse', parseNegotiateResponse],
  ['parseDnsReply', parseDnsReply],
  ['readReply', (b) => readReply(b, 1)],
  ['telnetText', telnetText],
];

const seeds = [
  amqpConnectionStart(),
  mysqlHandshake('8.0.39'),
  smbNegotiateResponse(),
  dnsVersionReply(0x5649, '9.18.1'),
  rdpConfirmNla,
  mongoReply(1, mongoBuildInfo),
  Buffer.from(elasticResponse(false)),
  Buffer.from('SSH-2.0-OpenSSH_9.2p1\r\n'),
];

/** Strings anywhere in a parse result, to check none carries a control character. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object' && !Buffer.isBuffer(value))
    return Object.values(value).flatMap(strings);
  return [];
}

test('hostile bytes: random and mutated replies never throw, and results stay printable', () => {
  for (let round = 0; round < 3000; round++) {
    const seed = seeds[round % seeds.length] ?? Buffer.alloc(0);
    const bytes =
      round % 3 === 0
        ? randomBytes(round % 300)
        : Buffer.from(
            seed.map((byte) => (Math.random() < 0.05 ? Math.floor(Math.random() * 256) : byte)),
          ).subarray(0, round % 2 ? seed.length : Math.floor(Math.random() * seed.length));
    for (const [name, parse] of parsers) {
      let result: unknown;
      assert.doesNotThrow(() => (result = parse(bytes)), `${name} threw on ${bytes.toString('hex')}`);
      if (name === 'telnetText' || name === 'readPackets' || name === 'readReply') continue;
      for (const text of strings(result)) {
        assert.doesNotMatch(
          text,
          /[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e]/,
          `${name} passed on ${JSON.stringify(text)}`,
        );
      }
    }
  }
});
