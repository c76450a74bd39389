import assert from 'node:assert/strict';
import { createSocket, type Socket } from 'node:dgram';
import { after, before, describe, test } from 'node:test';
import { NetScanError } from '../../../src/modules/netscan/net-scan-error.ts';
import { scanUdpPorts } from '../../../src/modules/netscan/scan-udp-ports.ts';
import { udpProbes } from '../../../src/modules/netscan/udp-payloads.ts';

const anywhere = () => true;

/** A UDP socket on a free loopback port that answers each datagram with `answer(request)`, or stays silent. */
async function udpServer(
  answer: (request: Buffer) => Buffer | undefined,
): Promise<{ socket: Socket; port: number }> {
  const socket = createSocket('udp4');
  socket.on('message', (request, peer) => {
    const reply = answer(request);
    if (reply) socket.send(reply, peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { socket, port: socket.address().port };
}

describe('UDP probes on loopback', () => {
  const sockets: Socket[] = [];
  after(() => {
    for (const socket of sockets) socket.close();
  });

  let echo: number;
  let silent: number;
  let closed: number;
  before(async () => {
    const echoing = await udpServer((request) => request);
    const quiet = await udpServer(() => undefined);
    const released = await udpServer(() => undefined);
    sockets.push(echoing.socket, quiet.socket);
    [echo, silent, closed] = [echoing.port, quiet.port, released.port];
    await new Promise<void>((resolve) => released.socket.close(() => resolve()));
  });

  test('an answer is open, ICMP port unreachable is closed, silence is filtered after the retries', async () => {
    const received: number[] = [];
    const started = performance.now();
    const result = await scanUdpPorts({
      addresses: ['127.0.0.1'],
      ports: [echo, silent, closed],
      inScope: anywhere,
      timeoutMs: 150,
      retries: 1,
      onProgress: (done) => received.push(done),
    });
    assert.deepEqual(
      result.ports.map((r) => `${r.port} ${r.transport} ${r.state} ${r.reason}`),
      [
        `${echo} udp open udp-response`,
        `${silent} udp filtered no-response`,
        `${closed} udp closed port-unreach`,
      ],
    );
    // Silence waits 150 ms, then 300 ms for the retry.
    assert.ok(performance.now() - started >= 440);
    assert.deepEqual(received.sort(), [1, 2, 3]);
    assert.deepEqual(result.services, [
      { address: '127.0.0.1', port: echo, transport: 'udp', service: 'unknown', tls: false, method: 'port' },
    ]);
  });

  test('the unspecified addresses, which reach this machine, are refused', async () => {
    for (const address of ['0.0.0.0', '::'])
      await assert.rejects(
        scanUdpPorts({ addresses: [address], ports: [echo], inScope: anywhere }),
        (error: unknown) => error instanceof NetScanError && error.code === 'bad-target',
      );
  });

  test('the DNS, NTP and SNMP requests are well formed and their answers are read', () => {
    const dns = udpProbes.get(53);
    const ntp = udpProbes.get(123);
    const snmp = udpProbes.get(161);
    assert.ok(dns && ntp && snmp);

    const [query] = dns.requests();
    assert.ok(query);
    // Header: recursion desired, one question; question: the root name, NS, IN.
    assert.deepEqual([...query.subarray(2)], [1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 1]);
    const refused = Buffer.from(query);
    refused[2] = 0x81;
    refused[3] = 0x05;
    assert.deepEqual(dns.read(refused), { rcode: 'refused', recursion: 'no' });
    assert.equal(dns.read(query), undefined, 'a query is not an answer');

    const [time] = ntp.requests();
    assert.ok(time);
    assert.equal(time.length, 48);
    assert.equal(time[0], 0x23);
    const server = Buffer.alloc(48);
    server[0] = 0x24;
    server[1] = 2;
    assert.deepEqual(ntp.read(server), { version: '4', stratum: '2' });
    assert.equal(ntp.read(time), undefined);

    const [v2c, v1] = snmp.requests();
    assert.ok(v2c && v1);
    const expected = (version: number, id: Buffer) =>
      Buffer.concat([
        Buffer.from([0x30, 0x29, 0x02, 0x01, version, 0x04, 0x06]),
        Buffer.from('public'),
        Buffer.from([0xa0, 0x1c, 0x02, 0x04]),
        id,
        Buffer.from([0x02, 0x01, 0x00, 0x02, 0x01, 0x00, 0x30, 0x0e, 0x30, 0x0c, 0x06, 0x08]),
        Buffer.from([0x2b, 6, 1, 2, 1, 1, 1, 0, 0x05, 0x00]),
      ]);
    assert.deepEqual(v2c, expected(1, v2c.subarray(17, 21)));
    assert.deepEqual(v1, expected(0, v1.subarray(17, 21)));
    assert.ok(((v2c[17] ?? 0) & 0x80) === 0, 'a positive request id');

    // A GetResponse with sysDescr, including a hostile control character.
    const descr = Buffer.from('Linux router 5.10\u0007');
    const varbind = Buffer.concat([
      Buffer.from([0x30, 12 + descr.length, 0x06, 0x08, 0x2b, 6, 1, 2, 1, 1, 1, 0, 0x04, descr.length]),
      descr,
    ]);
    const pdu = Buffer.concat([
      Buffer.from([0x02, 0x01, 0x07, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00, 0x30, varbind.length]),
      varbind,
    ]);
    const body = Buffer.concat([
      Buffer.from([0x02, 0x01, 0x01, 0x04, 0x06]),
      Buffer.from('public'),
      Buffer.from([0xa2, pdu.length]),
      pdu,
    ]);
    const response = Buffer.concat([Buffer.from([0x30, body.length]), body]);
    assert.deepEqual(snmp.read(response), {
      version: 'v2c',
      community: 'public',
      sysDescr: 'Linux router 5.10?',
    });
    // Truncated or lying lengths are not answers, and never read out of bounds.
    for (let cut = 0; cut < response.length; cut += 1)
      assert.equal(snmp.read(response.subarray(0, cut)), undefined);
    assert.equal(snmp.read(Buffer.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff])), undefined);
    assert.equal(snmp.read(v2c), undefined, 'a request is not a response');
  });

  test('the SNMPv2c request draws a GetResponse from an agent, which is read', async () => {
    const agent = await udpServer((request) => {
      // Answers as an agent would: the request turned into a GetResponse with a sysDescr value.
      const text = Buffer.from('Test agent');
      if (request[1] !== 0x29 || request[4] !== 1) return undefined;
      const id = request.subarray(17, 21);
      const varbind = Buffer.concat([
        Buffer.from([0x30, 12 + text.length, 0x06, 0x08, 0x2b, 6, 1, 2, 1, 1, 1, 0, 0x04, text.length]),
        text,
      ]);
      const pdu = Buffer.concat([
        Buffer.from([0x02, 0x04]),
        id,
        Buffer.from([0x02, 0x01, 0x00, 0x02, 0x01, 0x00, 0x30, varbind.length]),
        varbind,
      ]);
      const body = Buffer.concat([
        Buffer.from([0x02, 0x01, 0x01, 0x04, 0x06]),
        Buffer.from('public'),
        Buffer.from([0xa2, pdu.length]),
        pdu,
      ]);
      return Buffer.concat([Buffer.from([0x30, body.length]), body]);
    });
    sockets.push(agent.socket);
    // The probe is chosen by port number: a scan of 161 is what runs here, aimed at the test agent's port.
    const snmp = udpProbes.get(161);
    assert.ok(snmp);
    const [request] = snmp.requests();
    const answer = await new Promise<Buffer>((resolve) => {
      const client = createSocket('udp4');
      client.on('message', (message) => {
        client.close();
        resolve(message);
      });
      client.send(request ?? Buffer.alloc(0), agent.port, '127.0.0.1');
    });
    assert.deepEqual(snmp.read(answer), { version: 'v2c', community: 'public', sysDescr: 'Test agent' });
  });
});
