/**
 * A string is glob-ish: `*` and `?` stay within one path segment, `**` crosses segments. With a
 * "/" it is matched against the whole path and also covers everything below it (so ignoring a
 * directory ignores its tree, also when a watch event names a file inside it); without one it is
 * matched against the last segment (`*.swp`). A RegExp is tested against the whole path key.
 */
export type IgnorePattern = string | RegExp;

export function compileIgnore(patterns: readonly IgnorePattern[]): (key: string) => boolean {
  const full: RegExp[] = [];
  const base: RegExp[] = [];
  for (const pattern of patterns) {
    if (pattern instanceof RegExp) full.push(pattern);
    else if (pattern.includes('/')) full.push(new RegExp(`^${globSource(pattern)}(?:/.*)?$`, 's'));
    else base.push(new RegExp(`^${globSource(pattern)}$`, 's'));
  }
  return (key) => {
    const name = key.slice(key.lastIndexOf('/') + 1);
    return full.some((re) => re.test(key)) || base.some((re) => re.test(name));
  };
}

function globSource(glob: string): string {
  return glob
    .split('**')
    .map((part) =>
      part
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '[^/]*')
        .replace(/\?/g, '[^/]'),
    )
    .join('.*');
}
