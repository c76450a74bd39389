import type { ClientProbe, ServiceFacts } from './service-facts.ts';

const dialects = [0x0202, 0x0210, 0x0300, 0x0302];

/** An SMB2 NEGOTIATE ([MS-SMB2] 2.2.3) for dialects 2.0.2 to 3.0.2, in a NetBIOS session frame. */
function smbNegotiateRequest(): Buffer {
  const header = Buffer.alloc(64);
  header.write('\xfeSMB', 0, 'latin1');
  header.writeUInt16LE(64, 4);
  header.writeUInt16LE(1, 14);
  const body = Buffer.alloc(36 + dialects.length * 2);
  body.writeUInt16LE(36, 0);
  body.writeUInt16LE(dialects.length, 2);
  body.writeUInt16LE(1, 4);
  Buffer.from('vigil-smb-probe!', 'latin1').copy(body, 12);
  dialects.forEach((dialect, index) => body.writeUInt16LE(dialect, 36 + index * 2));
  const frame = Buffer.alloc(4);
  frame.writeUInt32BE(header.length + body.length);
  return Buffer.concat([frame, header, body]);
}

function dialectName(revision: number): string {
  const names: Record<number, string> = {
    0x0202: '2.0.2',
    0x0210: '2.1',
    0x0300: '3.0',
    0x0302: '3.0.2',
    0x0311: '3.1.1',
  };
  return names[revision] ?? `0x${revision.toString(16)}`;
}

/** An SMB2 NEGOTIATE response: dialect and whether signing is required; an SMB1 reply counts too. */
export function parseNegotiateResponse(bytes: Buffer): ServiceFacts | undefined {
  if (bytes.length < 8 || bytes[0] !== 0) return undefined;
  const magic = bytes.subarray(4, 8).toString('latin1');
  if (magic === '\xffSMB') return { service: 'smb', method: 'probe', details: { dialect: 'SMB1' } };
  if (magic !== '\xfeSMB' || bytes.length < 4 + 64 + 6) return undefined;
  const body = 4 + 64;
  if (bytes.readUInt16LE(body) !== 65) return { service: 'smb', method: 'probe', details: {} };
  const securityMode = bytes.readUInt16LE(body + 2);
  return {
    service: 'smb',
    method: 'probe',
    details: {
      dialect: dialectName(bytes.readUInt16LE(body + 4)),
      signingRequired: securityMode & 2 ? 'yes' : 'no',
    },
  };
}

export const probeSmb: ClientProbe = async (stream, { waitMs }) => {
  stream.write(smbNegotiateRequest());
  const reply = await stream.waitFor(
    (bytes) => bytes.length >= 4 && bytes.length >= 4 + bytes.readUInt32BE(0),
    waitMs,
  );
  return parseNegotiateResponse(reply);
};
