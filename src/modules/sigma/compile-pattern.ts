import { anyChars, oneChar, type Pattern } from './sigma-pattern.ts';
import { foldCase } from './fold-case.ts';

/** Tests one text value; compiled once per rule value, called per event. */
export type TextTest = (text: string) => boolean;

/** A run of pattern between two `*`: fixed length, `?` positions marked. */
interface Segment {
  text: string;
  /** Positions of `?`, or null when there are none (then plain string search applies). */
  wild: boolean[] | null;
}

/**
 * Compiles a wildcard pattern into a test without regular expressions: common shapes become
 * `===`, `startsWith`, `endsWith` or `includes`, and the rest a greedy segment search, linear in
 * the text for each segment, so no pattern can backtrack catastrophically. With `lowercase` the
 * pattern is lowercased here and the caller passes lowercased text.
 */
export function compilePattern(pattern: Pattern, lowercase: boolean): TextTest {
  const segments: Segment[] = [{ text: '', wild: null }];
  for (const part of pattern) {
    const current = segments[segments.length - 1] as Segment;
    if (part === anyChars) {
      if (current.text !== '' || segments.length === 1) segments.push({ text: '', wild: null });
    } else if (part === oneChar) {
      current.wild ??= Array<boolean>(current.text.length).fill(false);
      current.wild.push(true);
      current.text += '?';
    } else if (typeof part === 'string') {
      const text = lowercase ? foldCase(part) : part;
      current.wild?.push(...Array<boolean>(text.length).fill(false));
      current.text += text;
    } else {
      throw new Error(`placeholder %${part.placeholder}% was not expanded`);
    }
  }
  return segments.length === 1 ? exactTest(segments[0] as Segment) : globTest(segments);
}

function exactTest(segment: Segment): TextTest {
  const { text, wild } = segment;
  if (wild === null) return (value) => value === text;
  return (value) => value.length === text.length && matchesAt(value, 0, segment);
}

function globTest(segments: readonly Segment[]): TextTest {
  const head = segments[0] as Segment;
  const tail = segments[segments.length - 1] as Segment;
  const middle = segments.slice(1, -1);
  const plain = segments.every((segment) => segment.wild === null);
  if (plain && middle.length === 0) {
    if (head.text === '' && tail.text === '') return () => true;
    if (head.text === '') return (value) => value.endsWith(tail.text);
    if (tail.text === '') return (value) => value.startsWith(head.text);
  }
  if (plain && middle.length === 1 && head.text === '' && tail.text === '') {
    const needle = (middle[0] as Segment).text;
    return (value) => value.includes(needle);
  }
  const minLength = segments.reduce((sum, segment) => sum + segment.text.length, 0);
  return (value) => {
    if (value.length < minLength) return false;
    const end = value.length - tail.text.length;
    if (!matchesAt(value, 0, head) || !matchesAt(value, end, tail)) return false;
    let at = head.text.length;
    for (const segment of middle) {
      const found = find(value, segment, at, end);
      if (found < 0) return false;
      at = found + segment.text.length;
    }
    return true;
  };
}

// Leftmost occurrence of the segment starting in [from, end - length]: taking the leftmost one
// leaves the most room for the segments after it, so the greedy search never needs to backtrack.
function find(value: string, segment: Segment, from: number, end: number): number {
  const last = end - segment.text.length;
  if (segment.wild === null) {
    const found = value.indexOf(segment.text, from);
    return found > last ? -1 : found;
  }
  for (let at = from; at <= last; at++) if (matchesAt(value, at, segment)) return at;
  return -1;
}

function matchesAt(value: string, at: number, segment: Segment): boolean {
  const { text, wild } = segment;
  if (wild === null) return value.startsWith(text, at);
  for (let i = 0; i < text.length; i++) {
    if (!wild[i] && value.charCodeAt(at + i) !== text.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * The longest run of literal text in the pattern: any text the pattern matches contains it.
 * Undefined when the pattern has no literal text (`*`, `?`).
 */
export function anchorLiteral(pattern: Pattern, lowercase: boolean): string | undefined {
  let longest = '';
  let run = '';
  for (const part of pattern) {
    if (typeof part === 'string') {
      run += lowercase ? foldCase(part) : part;
      if (run.length > longest.length) longest = run;
    } else {
      run = '';
    }
  }
  return longest === '' ? undefined : longest;
}
