import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import {
  cipherSuiteByCode,
  cipherSuites,
  tls13CipherSuites,
} from '../../../src/modules/nettls/cipher-suites.ts';
import { buildClientHello, extensionTypes } from '../../../src/modules/nettls/client-hello.ts';
import { parseServerResponse } from '../../../src/modules/nettls/parse-server-response.ts';
import { signatureAlgorithm } from '../../../src/modules/nettls/signature-algorithm.ts';
import { needs } from '../../helpers/requirements.ts';

/* The wire formats on their own: the ClientHello bytes, the ServerHello parser fed hostile input, the suite table. */

interface ParsedHello {
  recordVersion: number;
  clientVersion: number;
  sessionIdLength: number;
  ciphers: number[];
  compression: number[];
  extensions: Map<number, Buffer>;
}

/** An independent reader of what buildClientHello made, checking every length on the way. */
function parseHello(record: Buffer): ParsedHello {
  assert.equal(record[0], 22);
  assert.equal(record.readUInt16BE(3), record.length - 5);
  const handshake = record.subarray(5);
  assert.equal(handshake[0], 1);
  assert.equal(handshake.readUIntBE(1, 3), handshake.length - 4);
  const body = handshake.subarray(4);
  let at = 0;
  const clientVersion = body.readUInt16BE(at);
  at += 2 + 32;
  const sessionIdLength = body[at] ?? 0;
  at += 1 + sessionIdLength;
  const cipherBytes = body.readUInt16BE(at);
  at += 2;
  const ciphers: number[] = [];
  for (let i = 0; i < cipherBytes; i += 2) ciphers.push(body.readUInt16BE(at + i));
  at += cipherBytes;
  const compression = [...body.subarray(at + 1, at + 1 + (body[at] ?? 0))];
  at += 1 + compression.length;
  const extensions = new Map<number, Buffer>();
  if (at < body.length) {
    const end = at + 2 + body.readUInt16BE(at);
    assert.equal(end, body.length);
    at += 2;
    while (at < end) {
      const type = body.readUInt16BE(at);
      const length = body.readUInt16BE(at + 2);
      assert.ok(!extensions.has(type), `extension ${type} twice`);
      extensions.set(type, body.subarray(at + 4, at + 4 + length));
      at += 4 + length;
    }
    assert.equal(at, end);
  }
  return {
    recordVersion: record.readUInt16BE(1),
    clientVersion,
    sessionIdLength,
    ciphers,
    compression,
    extensions,
  };
}

test('SSLv3 hello: SSLv3 record and client version, no extensions, renegotiation SCSV appended', () => {
  const hello = parseHello(
    buildClientHello({ protocol: 'SSLv3', cipherCodes: [0x000a, 0x0005], serverName: 'a.test' }),
  );
  assert.equal(hello.recordVersion, 0x0300);
  assert.equal(hello.clientVersion, 0x0300);
  assert.deepEqual(hello.ciphers, [0x000a, 0x0005, 0x00ff]);
  assert.deepEqual(hello.compression, [0]);
  assert.equal(hello.extensions.size, 0);
});

test('TLS 1.0/1.1 hellos: SNI, groups, point formats, renegotiation_info; no signature_algorithms', () => {
  for (const [protocol, version] of [
    ['TLSv1.0', 0x0301],
    ['TLSv1.1', 0x0302],
  ] as const) {
    const hello = parseHello(
      buildClientHello({ protocol, cipherCodes: [0x002f], serverName: 'mail.example' }),
    );
    assert.equal(hello.recordVersion, 0x0301);
    assert.equal(hello.clientVersion, version);
    assert.deepEqual(hello.ciphers, [0x002f]);
    assert.deepEqual(
      [...hello.extensions.keys()],
      [
        extensionTypes.serverName,
        extensionTypes.supportedGroups,
        extensionTypes.ecPointFormats,
        extensionTypes.renegotiationInfo,
      ],
    );
    const sni = hello.extensions.get(extensionTypes.serverName);
    assert.deepEqual(sni, Buffer.from('\x00\x0f\x00\x00\x0cmail.example', 'latin1'));
    assert.deepEqual(hello.extensions.get(extensionTypes.ecPointFormats), Buffer.from([1, 0]));
    assert.deepEqual(hello.extensions.get(extensionTypes.renegotiationInfo), Buffer.from([0]));
  }
});

test('TLS 1.2 hello: signature_algorithms added; an IP address is never sent as SNI', () => {
  const hello = parseHello(
    buildClientHello({ protocol: 'TLSv1.2', cipherCodes: [0xc02f], serverName: '192.0.2.7' }),
  );
  assert.equal(hello.clientVersion, 0x0303);
  assert.ok(!hello.extensions.has(extensionTypes.serverName));
  const algorithms = hello.extensions.get(extensionTypes.signatureAlgorithms);
  assert.ok(algorithms);
  assert.equal(algorithms.readUInt16BE(0), algorithms.length - 2);
  const groups = hello.extensions.get(extensionTypes.supportedGroups);
  assert.ok(groups);
  assert.equal(groups.readUInt16BE(0), groups.length - 2);
  assert.equal(groups.readUInt16BE(2), 0x001d);
});

test('TLS 1.3 hello: legacy version 1.2, supported_versions 1.3 only, one x25519 key share, psk_dhe_ke', () => {
  const hello = parseHello(
    buildClientHello({ protocol: 'TLSv1.3', cipherCodes: [0x1301, 0x1302], serverName: 'www.example' }),
  );
  assert.equal(hello.recordVersion, 0x0301);
  assert.equal(hello.clientVersion, 0x0303);
  assert.equal(hello.sessionIdLength, 32);
  assert.deepEqual(hello.ciphers, [0x1301, 0x1302]);
  assert.deepEqual(hello.extensions.get(extensionTypes.supportedVersions), Buffer.from([2, 3, 4]));
  const share = hello.extensions.get(extensionTypes.keyShare);
  assert.ok(share);
  assert.equal(share.length, 2 + 2 + 2 + 32);
  assert.equal(share.readUInt16BE(0), 36);
  assert.equal(share.readUInt16BE(2), 0x001d);
  assert.equal(share.readUInt16BE(4), 32);
  assert.deepEqual(hello.extensions.get(extensionTypes.pskKeyExchangeModes), Buffer.from([1, 1]));
  assert.ok(hello.extensions.has(extensionTypes.signatureAlgorithms));
});

/** A ServerHello handshake message (type 2) with the given fields. */
function serverHello(options: {
  version?: number;
  cipher?: number;
  random?: Buffer;
  sessionIdLength?: number;
  extensions?: Buffer;
}): Buffer {
  const sessionId = Buffer.alloc(options.sessionIdLength ?? 0, 7);
  const body = Buffer.concat([
    Buffer.from([(options.version ?? 0x0303) >> 8, (options.version ?? 0x0303) & 0xff]),
    options.random ?? Buffer.alloc(32, 1),
    Buffer.from([sessionId.length]),
    sessionId,
    Buffer.from([(options.cipher ?? 0xc02f) >> 8, (options.cipher ?? 0xc02f) & 0xff, 0]),
    ...(options.extensions ? [Buffer.from([0, options.extensions.length]), options.extensions] : []),
  ]);
  return Buffer.concat([Buffer.from([2, 0, body.length >> 8, body.length & 0xff]), body]);
}

function record(type: number, fragment: Buffer, version = 0x0303): Buffer {
  return Buffer.concat([
    Buffer.from([type, version >> 8, version & 0xff, fragment.length >> 8, fragment.length & 0xff]),
    fragment,
  ]);
}

test('ServerHello: version and suite read, more bytes awaited until the message is whole', () => {
  const message = serverHello({ version: 0x0301, cipher: 0x002f, sessionIdLength: 32 });
  const whole = record(22, Buffer.concat([message, Buffer.from([11, 0, 0, 0])]));
  assert.deepEqual(parseServerResponse(whole), {
    kind: 'hello',
    version: 0x0301,
    cipher: 0x002f,
    helloRetry: false,
  });
  for (let cut = 0; cut < whole.length - 4; cut++) {
    assert.equal(parseServerResponse(whole.subarray(0, cut)), undefined, `cut at ${cut}`);
  }
  // The same message split over three handshake records, the first holding only part of the header.
  const split = Buffer.concat([
    record(22, message.subarray(0, 3)),
    record(22, message.subarray(3, 20)),
    record(22, message.subarray(20)),
  ]);
  assert.deepEqual(parseServerResponse(split), {
    kind: 'hello',
    version: 0x0301,
    cipher: 0x002f,
    helloRetry: false,
  });
});

test('ServerHello: TLS 1.3 from supported_versions, HelloRetryRequest by its random', () => {
  const supportedVersions = Buffer.from([0, 0x2b, 0, 2, 3, 4]);
  assert.deepEqual(
    parseServerResponse(record(22, serverHello({ cipher: 0x1302, extensions: supportedVersions }))),
    {
      kind: 'hello',
      version: 0x0304,
      cipher: 0x1302,
      helloRetry: false,
    },
  );
  const retryRandom = Buffer.from('cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c', 'hex');
  assert.deepEqual(
    parseServerResponse(
      record(22, serverHello({ cipher: 0x1301, random: retryRandom, extensions: supportedVersions })),
    ),
    { kind: 'hello', version: 0x0304, cipher: 0x1301, helloRetry: true },
  );
});

test('alerts and hostile answers end the exchange without reading out of bounds', () => {
  assert.deepEqual(parseServerResponse(record(21, Buffer.from([2, 40]))), {
    kind: 'alert',
    level: 2,
    description: 40,
  });
  assert.deepEqual(parseServerResponse(record(21, Buffer.from([2, 70]), 0x0300)), {
    kind: 'alert',
    level: 2,
    description: 70,
  });
  const unexpected = (data: Buffer) => parseServerResponse(data)?.kind;
  assert.equal(unexpected(Buffer.from([0x80, 0x2e, 0x04, 0x00, 0x02])), 'unexpected');
  assert.equal(unexpected(record(23, Buffer.from('HTTP/1.1 400'))), 'unexpected');
  assert.equal(unexpected(Buffer.from([22, 3, 3, 0xff, 0xff])), 'unexpected');
  assert.equal(unexpected(Buffer.from([22, 3, 3, 0, 0])), 'unexpected');
  assert.equal(unexpected(record(21, Buffer.from([2]))), 'unexpected');
  assert.equal(unexpected(record(22, Buffer.from([11, 0, 0, 0]))), 'unexpected');
  assert.deepEqual(parseServerResponse(record(22, serverHello({ sessionIdLength: 33 }))), {
    kind: 'unexpected',
    reason: 'session id longer than 32 bytes',
  });
  // A message length that claims less than the fields need.
  const short = serverHello({});
  short.writeUIntBE(20, 1, 3);
  assert.deepEqual(parseServerResponse(record(22, short.subarray(0, 24))), {
    kind: 'unexpected',
    reason: 'truncated ServerHello',
  });
  // Extension lengths that run past the message.
  const badExtension = serverHello({ extensions: Buffer.from([0, 0x2b, 0, 9, 3]) });
  assert.deepEqual(parseServerResponse(record(22, badExtension)), {
    kind: 'unexpected',
    reason: 'truncated ServerHello',
  });
  const huge = Buffer.from([2, 0xff, 0xff, 0xff]);
  assert.equal(unexpected(record(22, huge)), 'unexpected');
});

test('suite table: IANA codes and names, parts read from the names, weaknesses flagged', () => {
  assert.equal(cipherSuites.length, 330);
  assert.equal(new Set(cipherSuites.map((s) => s.code)).size, cipherSuites.length);
  const pick = (code: number) => {
    const suite = cipherSuiteByCode(code);
    assert.ok(suite, `0x${code.toString(16)}`);
    const { name, keyExchange, authentication, encryption, mac, minProtocol, weaknesses } = suite;
    return { name, keyExchange, authentication, encryption, mac, minProtocol, weaknesses };
  };
  assert.deepEqual(pick(0x000a), {
    name: 'TLS_RSA_WITH_3DES_EDE_CBC_SHA',
    keyExchange: 'RSA',
    authentication: 'RSA',
    encryption: '3DES_EDE_CBC',
    mac: 'SHA',
    minProtocol: 'SSLv3',
    weaknesses: ['3DES', 'CBC', 'no-forward-secrecy'],
  });
  assert.deepEqual(pick(0xc02f), {
    name: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
    keyExchange: 'ECDHE',
    authentication: 'RSA',
    encryption: 'AES_128_GCM',
    mac: 'AEAD',
    minProtocol: 'TLSv1.2',
    weaknesses: [],
  });
  assert.deepEqual(pick(0x0017).weaknesses, ['EXPORT', 'anon', 'RC4']);
  assert.deepEqual(pick(0x0014), {
    name: 'TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA',
    keyExchange: 'DHE',
    authentication: 'RSA',
    encryption: 'DES40_CBC',
    mac: 'SHA',
    minProtocol: 'SSLv3',
    weaknesses: ['EXPORT', 'DES', 'CBC'],
  });
  assert.deepEqual(pick(0x0001).weaknesses, ['NULL', 'no-forward-secrecy']);
  assert.deepEqual(pick(0x0005).weaknesses, ['RC4', 'no-forward-secrecy']);
  assert.deepEqual(pick(0xc0ab), {
    name: 'TLS_PSK_DHE_WITH_AES_256_CCM_8',
    keyExchange: 'DHE',
    authentication: 'PSK',
    encryption: 'AES_256_CCM_8',
    mac: 'AEAD',
    minProtocol: 'TLSv1.2',
    weaknesses: [],
  });
  assert.deepEqual(pick(0xc021), {
    name: 'TLS_SRP_SHA_RSA_WITH_AES_256_CBC_SHA',
    keyExchange: 'SRP',
    authentication: 'RSA',
    encryption: 'AES_256_CBC',
    mac: 'SHA',
    minProtocol: 'SSLv3',
    weaknesses: ['CBC'],
  });
  // RFC 5487's PSK suites with SHA-2 MACs are TLS 1.0 suites too.
  assert.equal(pick(0x00ae).minProtocol, 'SSLv3');
  assert.equal(cipherSuiteByCode(0x0000), undefined);
  assert.equal(cipherSuiteByCode(0x00ff), undefined);
  assert.deepEqual(
    tls13CipherSuites.map((s) => s.name),
    [
      'TLS_AES_128_GCM_SHA256',
      'TLS_AES_256_GCM_SHA384',
      'TLS_CHACHA20_POLY1305_SHA256',
      'TLS_AES_128_CCM_SHA256',
      'TLS_AES_128_CCM_8_SHA256',
    ],
  );
});

test('suite table agrees with every suite this OpenSSL knows', needs('openssl', 'cipher list'), () => {
  const listing = execFileSync('openssl', ['ciphers', '-V', '-stdname', 'ALL:COMPLEMENTOFALL:@SECLEVEL=0'], {
    encoding: 'utf8',
  });
  let compared = 0;
  for (const line of listing.split('\n')) {
    const match = /^\s*0x([0-9A-F]{2}),0x([0-9A-F]{2}) - (\S+)\s/.exec(line);
    if (!match) continue;
    const code = Number.parseInt(`${match[1]}${match[2]}`, 16);
    assert.equal(cipherSuiteByCode(code)?.name, match[3], line);
    const aead = line.includes('Mac=AEAD');
    assert.equal(cipherSuiteByCode(code)?.aead, aead, line);
    compared++;
  }
  assert.ok(compared > 100, `${compared} suites compared`);
});

test(
  'signature algorithm: read from the DER, undefined for anything malformed',
  needs('openssl', 'a test certificate'),
  () => {
    const pem = execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        '/dev/null',
        '-subj',
        '/CN=t',
        '-days',
        '1',
        '-sha384',
      ],
      { encoding: 'utf8' },
    );
    const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    assert.equal(signatureAlgorithm(der), 'ecdsa-with-SHA384');
    for (let cut = 0; cut < der.length; cut += 7) {
      const value = signatureAlgorithm(der.subarray(0, cut));
      assert.ok(value === undefined || value === 'ecdsa-with-SHA384');
    }
    assert.equal(signatureAlgorithm(Buffer.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff])), undefined);
    assert.equal(signatureAlgorithm(Buffer.from([0x30, 0x89, 1, 2, 3, 4, 5, 6, 7, 8, 9])), undefined);
    assert.equal(signatureAlgorithm(Buffer.alloc(0)), undefined);
    // An OID this table does not name comes back dotted.
    const unknown = Buffer.from([0x30, 0x0a, 0x30, 0x00, 0x30, 0x06, 0x06, 0x04, 0x2a, 0x03, 0x04, 0x05]);
    assert.equal(signatureAlgorithm(unknown), '1.2.3.4.5');
  },
);

/** A Certificate handshake message (type 11) holding `certificates`. */
function certificateMessage(certificates: Buffer[]): Buffer {
  const u24 = (n: number) => Buffer.from([n >> 16, (n >> 8) & 0xff, n & 0xff]);
  const list = Buffer.concat(certificates.flatMap((der) => [u24(der.length), der]));
  const body = Buffer.concat([u24(list.length), list]);
  return Buffer.concat([Buffer.from([11]), u24(body.length), body]);
}

test('ServerHello with certificates: the Certificate message after it, whole, split or absent', () => {
  const hello = serverHello({ cipher: 0x000a });
  const certificates = [Buffer.alloc(700, 1), Buffer.alloc(300, 2)];
  const message = certificateMessage(certificates);
  const expected = { kind: 'hello', version: 0x0303, cipher: 0x000a, helloRetry: false, certificates };
  const together = record(22, Buffer.concat([hello, message, Buffer.from([14, 0, 0, 0])]));
  assert.deepEqual(parseServerResponse(together, { certificates: true }), expected);
  // Without asking, the ServerHello alone is the answer.
  assert.deepEqual(parseServerResponse(together), {
    kind: 'hello',
    version: 0x0303,
    cipher: 0x000a,
    helloRetry: false,
  });
  const split = Buffer.concat([
    record(22, Buffer.concat([hello, message.subarray(0, 2)])),
    record(22, message.subarray(2, 500)),
    record(22, message.subarray(500)),
  ]);
  for (let cut = 0; cut < split.length; cut += 50) {
    assert.equal(parseServerResponse(split.subarray(0, cut), { certificates: true }), undefined);
  }
  assert.deepEqual(parseServerResponse(split, { certificates: true }), expected);
  // An anonymous suite: ServerKeyExchange comes next, no certificate.
  assert.deepEqual(
    parseServerResponse(record(22, Buffer.concat([hello, Buffer.from([12, 0, 0, 1, 0])])), {
      certificates: true,
    }),
    {
      ...expected,
      certificates: [],
    },
  );
  // An inner length running past the message.
  const broken = certificateMessage([Buffer.alloc(10)]);
  broken.writeUIntBE(200, 7, 3);
  assert.deepEqual(parseServerResponse(record(22, Buffer.concat([hello, broken])), { certificates: true }), {
    ...expected,
    certificates: [],
  });
  // TLS 1.3 encrypts its certificate: the ServerHello is the whole answer.
  const tls13 = serverHello({ cipher: 0x1301, extensions: Buffer.from([0, 0x2b, 0, 2, 3, 4]) });
  assert.deepEqual(parseServerResponse(record(22, tls13), { certificates: true }), {
    kind: 'hello',
    version: 0x0304,
    cipher: 0x1301,
    helloRetry: false,
  });
});

test('hellos of 256 to 511 bytes are padded to 512 (RFC 7685), others left alone', () => {
  const sizes = new Set<number>();
  for (let count = 1; count < 200; count++) {
    const record = buildClientHello({
      protocol: 'TLSv1.2',
      cipherCodes: cipherSuites.slice(0, count).map((suite) => suite.code),
      serverName: 'a.example',
    });
    const handshakeLength = record.length - 5;
    assert.ok(handshakeLength < 256 || handshakeLength >= 512, `${count} suites: ${handshakeLength} bytes`);
    const padding = parseHello(record).extensions.get(extensionTypes.padding);
    if (padding) {
      // An extension is at least 4 bytes, so a hello just under 512 ends just over it.
      assert.ok(handshakeLength >= 512 && handshakeLength <= 515, `${handshakeLength}`);
      assert.ok(padding.every((byte) => byte === 0));
    }
    sizes.add(handshakeLength);
  }
  assert.ok(sizes.has(512));
});

test('a ServerHello cut into more than 64 records is refused', () => {
  const message = serverHello({ sessionIdLength: 32 });
  assert.ok(message.length > 64);
  const tiny = Buffer.concat([...message].map((byte) => record(22, Buffer.from([byte]))));
  assert.deepEqual(parseServerResponse(tiny), { kind: 'unexpected', reason: 'too many records' });
  const few = Buffer.concat([record(22, message.subarray(0, 10)), record(22, message.subarray(10))]);
  assert.equal(parseServerResponse(few)?.kind, 'hello');
});
