/** The `prev_hash` of the first audit entry. */
export const genesisHash = '0'.repeat(64);
