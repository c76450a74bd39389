/** The alert document's epoch-millisecond times as the ISO strings <Timestamp> takes. */
export const toIso = (ms: number) => new Date(ms).toISOString();
