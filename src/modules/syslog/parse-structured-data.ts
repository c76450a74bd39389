/**
 * RFC 5424 STRUCTURED-DATA: SD-ID → parameter → value. A parameter that occurs more than once
 * in an element (the RFC allows it) keeps every value, in order, as an array.
 */
export type StructuredData = Record<string, Record<string, string | string[]>>;

/** Bounds on what one line may make us allocate; a line beyond them keeps its SD in the message. */
const maxElements = 64;
const maxParams = 256;
const maxNameLength = 32;

/**
 * The SD-ELEMENTs starting at `at` (which holds `[`), and where they end; undefined when they
 * are malformed, so the caller can keep the text as part of the message instead. Values are
 * unescaped (`\"`, `\\`, `\]`); a backslash before anything else stays, as the RFC says.
 */
export function parseStructuredData(
  text: string,
  at: number,
): { structuredData: StructuredData; end: number } | undefined {
  const elements = new Map<string, Map<string, string | string[]>>();
  let count = 0;
  let params = 0;
  let i = at;
  while (text[i] === '[') {
    if (++count > maxElements) return undefined;
    const idEnd = nameEnd(text, i + 1);
    if (idEnd === undefined) return undefined;
    const id = text.slice(i + 1, idEnd);
    const element = elements.get(id) ?? new Map<string, string | string[]>();
    elements.set(id, element);
    i = idEnd;
    while (text[i] === ' ') {
      const paramEnd = nameEnd(text, i + 1);
      if (paramEnd === undefined || text[paramEnd] !== '=' || text[paramEnd + 1] !== '"') return undefined;
      const value = readValue(text, paramEnd + 2);
      if (value === undefined || ++params > maxParams) return undefined;
      addValue(element, text.slice(i + 1, paramEnd), value.value);
      i = value.end;
    }
    if (text[i] !== ']') return undefined;
    i++;
  }
  if (i < text.length && text[i] !== ' ') return undefined;
  const structuredData = Object.fromEntries(
    [...elements].map(([id, element]) => [id, Object.fromEntries(element)]),
  );
  return { structuredData, end: i };
}

/** End of an SD-NAME at `at`: 1–32 printable ASCII characters other than `=`, `]` and `"`. */
function nameEnd(text: string, at: number): number | undefined {
  let i = at;
  while (i - at <= maxNameLength && i < text.length) {
    const code = text.charCodeAt(i);
    if (code < 33 || code > 126 || code === 61 /* = */ || code === 93 /* ] */ || code === 34 /* " */) break;
    i++;
  }
  return i > at && i - at <= maxNameLength ? i : undefined;
}

/** A quoted PARAM-VALUE whose opening quote is just before `at`; `end` is past the closing one. */
function readValue(text: string, at: number): { value: string; end: number } | undefined {
  // The closing quote first: a value that never closes costs one pass and no copying.
  let escaped = false;
  let end = at;
  for (; end < text.length; end++) {
    const code = text.charCodeAt(end);
    if (code === 34 /* " */) break;
    if (code === 92 /* \ */ && isEscapable(text.charCodeAt(end + 1))) {
      escaped = true;
      end++;
    }
  }
  if (end >= text.length) return undefined;
  if (!escaped) return { value: text.slice(at, end), end: end + 1 };
  const parts: string[] = [];
  let from = at;
  for (let i = at; i < end; i++) {
    if (text.charCodeAt(i) === 92 && isEscapable(text.charCodeAt(i + 1))) {
      parts.push(text.slice(from, i));
      from = i + 1; // the escaped character starts the next part
      i++;
    }
  }
  parts.push(text.slice(from, end));
  return { value: parts.join(''), end: end + 1 };
}

/** `"`, `\` and `]` are escaped in a PARAM-VALUE; a backslash before anything else is kept. */
function isEscapable(code: number): boolean {
  return code === 34 || code === 92 || code === 93;
}

function addValue(element: Map<string, string | string[]>, name: string, value: string): void {
  const existing = element.get(name);
  if (existing === undefined) element.set(name, value);
  else if (Array.isArray(existing)) existing.push(value);
  else element.set(name, [existing, value]);
}
