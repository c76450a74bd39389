/** The effective uid (second of real, effective, saved, filesystem) from `/proc/<pid>/status`. */
export function parseStatusUid(text: string): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith('Uid:')) continue;
    const effective = line.slice(4).trim().split(/\s+/)[1];
    if (effective === undefined || effective.length > 10 || !/^\d+$/.test(effective)) return undefined;
    return Number(effective);
  }
  return undefined;
}
