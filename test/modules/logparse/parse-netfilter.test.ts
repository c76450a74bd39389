import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from './parse-helper.ts';

test('ufw, iptables and nftables drop logs are Network Activity refusals', () => {
  const ufw = parse(
    'Feb 20 10:00:10 web1 kernel: [12345.678901] [UFW BLOCK] IN=eth0 OUT= MAC=00:11:22:33:44:55:66:77:88:99:aa:bb:08:00 SRC=203.0.113.5 DST=10.0.0.2 LEN=40 TOS=0x00 PREC=0x00 TTL=240 ID=54321 PROTO=TCP SPT=44444 DPT=23 WINDOW=1024 RES=0x00 SYN URGP=0',
  );
  assert.equal(ufw.metadata.event_code, 'netfilter.drop');
  assert.equal(ufw.class_uid, 4001);
  assert.equal(ufw.activity_id, 5);
  assert.deepEqual(ufw.src_endpoint, { ip: '203.0.113.5', port: 44444 });
  assert.deepEqual(ufw.dst_endpoint, { ip: '10.0.0.2', port: 23 });
  assert.deepEqual(ufw.connection_info, { protocol_name: 'tcp', direction: 'Inbound' });
  assert.equal(ufw.unmapped?.prefix, '[UFW BLOCK]');
  assert.equal(ufw.unmapped.in, 'eth0');

  const nft = parse(
    'Feb 20 10:00:11 web1 kernel: nft-drop: IN=ens3 OUT= MAC= SRC=2001:db8::5 DST=2001:db8::1 LEN=80 PROTO=UDP SPT=5353 DPT=53',
  );
  assert.equal(nft.metadata.event_code, 'netfilter.drop');
  assert.equal(nft.src_endpoint?.ip, '2001:db8::5');
  const allowed = parse(
    'Feb 20 10:00:12 web1 kernel: [UFW ALLOW] IN=eth0 OUT= SRC=198.51.100.1 DST=10.0.0.2 PROTO=TCP SPT=1 DPT=443',
  );
  assert.equal(allowed.metadata.event_code, 'netfilter.allow');
  assert.equal(allowed.activity_id, 6);
});

test('through journald the kernel line is the bare message', () => {
  const event = parse(
    'Feb 20 10:00:13 web1 kernel: IPTables-Dropped: IN=eth0 OUT= SRC=192.0.2.1 DST=10.0.0.2 PROTO=ICMP TYPE=8',
  );
  assert.equal(event.metadata.event_code, 'netfilter.drop');
  assert.equal(event.dst_endpoint?.port, undefined);
});
