/**
 * Text lowercased for case-insensitive matching. `toLowerCase` is context-sensitive for one
 * letter: Σ becomes ς at the end of a word and σ elsewhere, so "ΟΔΟΣ" alone and inside
 * "ΟΔΟΣA" lowercase differently and a pattern would miss the text. Both sides fold ς to σ.
 */
export function foldCase(text: string): string {
  const lower = text.toLowerCase();
  return lower.includes('ς') ? lower.replaceAll('ς', 'σ') : lower;
}
