/** A package name without apt's `:arch` suffix, which apt adds to foreign-architecture packages. */
export function baseName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(0, colon);
}
