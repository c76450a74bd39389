/*
 * Bytes as the real daemons send them (field by field from the protocol specifications and from
 * captures of the named versions), for the parsers' tests and for the stand-in servers.
 */

/** A BSON document with the value types MongoDB replies use: `{ $int: n }` for int32, numbers as doubles. */
export function bson(fields: Record<string, unknown>): Buffer {
  const parts: Buffer[] = [];
  for (const [key, value] of Object.entries(fields)) {
    const name = Buffer.from(`${key}\0`);
    if (typeof value === 'string') {
      const text = Buffer.from(`${value}\0`);
      const length = Buffer.alloc(4);
      length.writeInt32LE(text.length);
      parts.push(Buffer.from([0x02]), name, length, text);
    } else if (typeof value === 'boolean') {
      parts.push(Buffer.from([0x08]), name, Buffer.from([value ? 1 : 0]));
    } else if (typeof value === 'number') {
      const body = Buffer.alloc(8);
      body.writeDoubleLE(value);
      parts.push(Buffer.from([0x01]), name, body);
    } else if (value && typeof value === 'object' && '$int' in value) {
      const body = Buffer.alloc(4);
      body.writeInt32LE((value as { $int: number }).$int);
      parts.push(Buffer.from([0x10]), name, body);
    } else if (Array.isArray(value)) {
      parts.push(
        Buffer.from([0x04]),
        name,
        bson(Object.fromEntries(value.map((item, index) => [String(index), item]))),
      );
    } else if (value && typeof value === 'object') {
      parts.push(Buffer.from([0x03]), name, bson(value as Record<string, unknown>));
    }
  }
  const body = Buffer.concat(parts);
  const document = Buffer.alloc(body.length + 5);
  document.writeInt32LE(document.length, 0);
  body.copy(document, 4);
  return document;
}

/** A MongoDB OP_MSG reply to `requestId`. */
export function mongoReply(requestId: number, document: Record<string, unknown>): Buffer {
  const body = bson(document);
  const header = Buffer.alloc(21);
  header.writeInt32LE(21 + body.length, 0);
  header.writeInt32LE(900 + requestId, 4);
  header.writeInt32LE(requestId, 8);
  header.writeInt32LE(2013, 12);
  return Buffer.concat([header, body]);
}

export const mongoHello = {
  isWritablePrimary: true,
  topologyVersion: { counter: { $int: 0 } },
  maxBsonObjectSize: { $int: 16777216 },
  maxMessageSizeBytes: { $int: 48000000 },
  logicalSessionTimeoutMinutes: { $int: 30 },
  connectionId: { $int: 7 },
  minWireVersion: { $int: 0 },
  maxWireVersion: { $int: 21 },
  readOnly: false,
  ok: 1,
};
export const mongoBuildInfo = {
  version: '7.0.14',
  versionArray: [{ $int: 7 }, { $int: 0 }, { $int: 14 }],
  ok: 1,
};
export const mongoUnauthorized = {
  ok: 0,
  errmsg: 'command listDatabases requires authentication',
  code: { $int: 13 },
  codeName: 'Unauthorized',
};
export const mongoDatabases = {
  databases: [{ name: 'admin' }, { name: 'config' }, { name: 'local' }],
  ok: 1,
};

/** Elasticsearch 8.15's root document, and its answer when security is on. */
export const elasticRoot = JSON.stringify({
  name: 'es01',
  cluster_name: 'docker-cluster',
  cluster_uuid: 'kY3zvO6mQnG2kX6fX0a1Aw',
  version: {
    number: '8.15.0',
    build_flavor: 'default',
    build_type: 'docker',
    build_snapshot: false,
    lucene_version: '9.11.1',
    minimum_wire_compatibility_version: '7.17.0',
    minimum_index_compatibility_version: '7.0.0',
  },
  tagline: 'You Know, for Search',
});

export function elasticResponse(secured: boolean): string {
  const body = secured
    ? '{"error":{"root_cause":[{"type":"security_exception","reason":"missing authentication credentials for REST request [/]"}],"type":"security_exception","reason":"missing authentication credentials for REST request [/]"},"status":401}'
    : elasticRoot;
  const status = secured ? '401 Unauthorized' : '200 OK';
  const challenge = secured
    ? 'WWW-Authenticate: Basic realm="security" charset="UTF-8"\r\nWWW-Authenticate: ApiKey\r\n'
    : '';
  return `HTTP/1.1 ${status}\r\n${challenge}X-elastic-product: Elasticsearch\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

/** X.224 Connection Confirm from a Windows server that selected CredSSP (NLA). */
export const rdpConfirmNla = Buffer.from('030000130ed000001234000200080002000000', 'hex');
/** From a server that allows standard RDP security (no NLA). */
export const rdpConfirmStandard = Buffer.from('030000130ed000001234000200080000000000', 'hex');

/** An SMB2 NEGOTIATE response choosing 3.0.2 with signing required, as a domain controller sends it. */
export function smbNegotiateResponse(): Buffer {
  const header = Buffer.alloc(64);
  header.write('\xfeSMB', 0, 'latin1');
  header.writeUInt16LE(64, 4);
  header.writeUInt16LE(1, 14);
  header.writeUInt32LE(1, 16);
  const body = Buffer.alloc(65 + 7);
  body.writeUInt16LE(65, 0);
  body.writeUInt16LE(0x03, 2);
  body.writeUInt16LE(0x0302, 4);
  Buffer.from('0123456789abcdef', 'latin1').copy(body, 8);
  body.writeUInt32LE(0x2f, 24);
  body.writeUInt32LE(8 * 1024 * 1024, 28);
  const frame = Buffer.alloc(4);
  frame.writeUInt32BE(header.length + body.length);
  return Buffer.concat([frame, header, body]);
}

/** The reply BIND 9.18 sends to `version.bind CH TXT` over TCP, with the query's id. */
export function dnsVersionReply(id: number, text: string): Buffer {
  const question = Buffer.from('\x07version\x04bind\x00\x00\x10\x00\x03', 'latin1');
  const txt = Buffer.concat([Buffer.from([text.length]), Buffer.from(text, 'latin1')]);
  const answer = Buffer.alloc(12);
  answer.writeUInt16BE(0xc00c, 0);
  answer.writeUInt16BE(16, 2);
  answer.writeUInt16BE(3, 4);
  answer.writeUInt32BE(0, 6);
  answer.writeUInt16BE(txt.length, 10);
  const header = Buffer.alloc(12);
  header.writeUInt16BE(id, 0);
  header.writeUInt16BE(0x8400, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(1, 6);
  const message = Buffer.concat([header, question, answer, txt]);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(message.length);
  return Buffer.concat([length, message]);
}

/** Debian's telnetd opens with DO TERMINAL-TYPE, DO TSPEED, DO XDISPLOC, DO NEW-ENVIRON. */
export const telnetGreeting = Buffer.from('fffd18fffd20fffd23fffd27', 'hex');

/** MySQL 8.0's protocol 10 handshake (the salt and capability bytes as captured). */
export function mysqlHandshake(version: string): Buffer {
  const payload = Buffer.concat([
    Buffer.from([0x0a]),
    Buffer.from(`${version}\0`, 'latin1'),
    Buffer.from('0b000000', 'hex'),
    Buffer.from('3a2b1c0d5e6f7a1b00', 'hex'),
    Buffer.from('ffff2d0200ffdf15000000000000000000', 'hex'),
    Buffer.from('1a2b3c4d5e6f7a1b2c3d4e5f00', 'hex'),
    Buffer.from('caching_sha2_password\0', 'latin1'),
  ]);
  const header = Buffer.alloc(4);
  header.writeUIntLE(payload.length, 0, 3);
  return Buffer.concat([header, payload]);
}

/** A MySQL packet: 3-byte length, sequence number, payload. */
export function mysqlPacket(sequence: number, payload: Buffer | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'latin1') : payload;
  const header = Buffer.alloc(4);
  header.writeUIntLE(body.length, 0, 3);
  header[3] = sequence;
  return Buffer.concat([header, body]);
}

/** MySQL 8.0's answers to a root login without a password: refused, or switched to caching_sha2 then OK. */
export const mysqlAccessDenied = mysqlPacket(
  2,
  "\xff\x15\x04#28000Access denied for user 'root'@'localhost' (using password: NO)",
);
export const mysqlAuthSwitch = mysqlPacket(2, '\xfecaching_sha2_password\x00abcdefghij0123456789\x00');
export const mysqlOk = mysqlPacket(4, '\x00\x00\x00\x02\x00\x00\x00');

/** RabbitMQ 3.10's Connection.Start frame, trimmed to the properties the probe reads. */
export function amqpConnectionStart(): Buffer {
  const longString = (key: string, value: string) => {
    const entry = Buffer.alloc(1 + key.length + 1 + 4);
    entry[0] = key.length;
    entry.write(key, 1, 'latin1');
    entry.write('S', 1 + key.length, 'latin1');
    entry.writeUInt32BE(value.length, 2 + key.length);
    return Buffer.concat([entry, Buffer.from(value, 'latin1')]);
  };
  const boolEntry = Buffer.concat([
    Buffer.from([9]),
    Buffer.from('publisher', 'latin1'),
    Buffer.from('t\x01', 'latin1'),
  ]);
  const capabilities = Buffer.concat([
    Buffer.from([12]),
    Buffer.from('capabilities', 'latin1'),
    Buffer.from('F', 'latin1'),
  ]);
  const capabilityTable = Buffer.alloc(4);
  capabilityTable.writeUInt32BE(boolEntry.length);
  const table = Buffer.concat([
    capabilities,
    capabilityTable,
    boolEntry,
    longString('product', 'RabbitMQ'),
    longString('version', '3.10.8'),
    longString('platform', 'Erlang/OTP 25.2.3'),
  ]);
  const tableLength = Buffer.alloc(4);
  tableLength.writeUInt32BE(table.length);
  const mechanisms = Buffer.from('PLAIN AMQPLAIN', 'latin1');
  const mechanismsLength = Buffer.alloc(4);
  mechanismsLength.writeUInt32BE(mechanisms.length);
  const locales = Buffer.from('\x00\x00\x00\x05en_US', 'latin1');
  const payload = Buffer.concat([
    Buffer.from([0, 10, 0, 10, 0, 9]),
    tableLength,
    table,
    mechanismsLength,
    mechanisms,
    locales,
  ]);
  const frame = Buffer.alloc(7);
  frame[0] = 1;
  frame.writeUInt32BE(payload.length, 3);
  return Buffer.concat([frame, payload, Buffer.from([0xce])]);
}

export const postfixGreeting = '220 mail.example.test ESMTP Postfix (Debian/GNU)\r\n';
export const postfixEhloNoTls =
  '250-mail.example.test\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-VRFY\r\n250-ETRN\r\n250-AUTH PLAIN LOGIN\r\n250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n250-DSN\r\n250-SMTPUTF8\r\n250 CHUNKING\r\n';
export const postfixEhloTlsOnly =
  '250-mail.example.test\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-STARTTLS\r\n250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n250 CHUNKING\r\n';

export const dovecotImapGreeting =
  '* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS LOGINDISABLED] Dovecot (Debian) ready.\r\n';
export const dovecotImapGreetingNoTls = '* OK Dovecot (Debian) ready.\r\n';
export const dovecotImapCapabilityNoTls =
  '* CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ AUTH=PLAIN\r\na1 OK Pre-login capabilities listed, post-login capabilities have more.\r\n';

export const dovecotPop3Greeting = '+OK Dovecot (Debian) ready.\r\n';
export const dovecotPop3Capa =
  '+OK\r\nCAPA\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nPIPELINING\r\nAUTH-RESP-CODE\r\nSTLS\r\nUSER\r\nSASL PLAIN\r\n.\r\n';

export const vsftpdGreeting = '220 (vsFTPd 3.0.3)\r\n';
export const vsftpdFeat =
  '211-Features:\r\n EPRT\r\n EPSV\r\n MDTM\r\n PASV\r\n REST STREAM\r\n SIZE\r\n TVFS\r\n211 End\r\n';
export const vsftpdFeatTls =
  '211-Features:\r\n AUTH TLS\r\n EPRT\r\n EPSV\r\n MDTM\r\n PASV\r\n PBSZ\r\n PROT\r\n REST STREAM\r\n SIZE\r\n TVFS\r\n211 End\r\n';
