/** Caps a string taken from host files, which an attacker may have made arbitrarily long. */
export function clip(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) : text;
}
