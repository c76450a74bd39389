import type { ClientProbe, ServiceFacts } from './service-facts.ts';

/**
 * TPKT + X.224 Connection Request carrying an RDP Negotiation Request for TLS, CredSSP and
 * CredSSP-EX ([MS-RDPBCGR] 2.2.1.1).
 */
const rdpConnectionRequest = Buffer.from([
  0x03, 0x00, 0x00, 0x13, 0x0e, 0xe0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x08, 0x00, 0x0b, 0x00, 0x00,
  0x00,
]);

const protocols: Record<number, string> = { 0: 'rdp', 1: 'tls', 2: 'credssp', 8: 'credssp-ex', 4: 'rdstls' };

/** An X.224 Connection Confirm (TPKT version 3, CC code 0xd0), with the negotiation response when present. */
export function parseConnectionConfirm(bytes: Buffer): ServiceFacts | undefined {
  if (bytes.length < 11 || bytes[0] !== 3 || bytes[1] !== 0 || ((bytes[5] ?? 0) & 0xf0) !== 0xd0)
    return undefined;
  const length = bytes.readUInt16BE(2);
  if (length < 11 || length > 512) return undefined;
  const details: Record<string, string> = {};
  if (length >= 19 && bytes.length >= 19) {
    const type = bytes[11];
    const value = bytes.readUInt32LE(15);
    if (type === 2) {
      details.securityProtocol = protocols[value] ?? String(value);
      details.nla = value === 2 || value === 8 ? 'yes' : 'no';
    } else if (type === 3) details.negotiationFailure = String(value);
  }
  return { service: 'rdp', method: 'probe', details };
}

export const probeRdp: ClientProbe = async (stream, { waitMs }) => {
  stream.write(rdpConnectionRequest);
  const reply = await stream.waitFor(
    (bytes) => bytes.length >= 4 && bytes.length >= bytes.readUInt16BE(2),
    waitMs,
  );
  return parseConnectionConfirm(reply);
};
