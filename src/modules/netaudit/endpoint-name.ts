/** `127.0.0.1:443`, `[2001:db8::1]:443`, or the bare address for a host-wide finding. */
export function endpointName(address: string, port?: number): string {
  if (port === undefined) return address;
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}
