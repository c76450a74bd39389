/**
 * The sender's address as people write it: a dual-stack socket reports IPv4 senders as
 * `::ffff:192.0.2.1`, which would otherwise give one device two identities.
 */
export function senderAddress(address: string): string {
  return address.toLowerCase().startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}
