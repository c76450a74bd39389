const escapes: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/**
 * Parses the head of a JSON value whose end was cut off, as journalctl prints values: strings,
 * null, numbers and arrays of them. It keeps every complete element, the head of a cut string
 * (without a cut escape), and drops a number at the very end, which may be missing digits.
 */
export function parseCutValue(text: string): unknown {
  let at = 0;

  const value = (): unknown => {
    while (text[at] === ' ') at += 1;
    if (text[at] === '"') return string();
    if (text[at] === '[') return array();
    const scalar = /^(?:null|-?\d+)/.exec(text.slice(at, at + 32))?.[0];
    if (scalar === undefined) {
      at = text.length;
      return undefined;
    }
    at += scalar.length;
    return at >= text.length && scalar !== 'null' ? undefined : (JSON.parse(scalar) as unknown);
  };

  const string = (): string => {
    at += 1;
    let result = '';
    while (at < text.length) {
      const char = text.charAt(at);
      if (char === '"') {
        at += 1;
        return result;
      }
      if (char !== '\\') {
        const end = nextSpecial(text, at);
        result += text.slice(at, end);
        at = end;
        continue;
      }
      const kind = text.charAt(at + 1);
      if (kind === 'u') {
        const hex = text.slice(at + 2, at + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) break;
        result += String.fromCharCode(parseInt(hex, 16));
        at += 6;
      } else {
        const decoded = escapes[kind];
        if (decoded === undefined) break;
        result += decoded;
        at += 2;
      }
    }
    at = text.length;
    return result;
  };

  const array = (): unknown[] => {
    at += 1;
    const items: unknown[] = [];
    while (at < text.length) {
      if (text[at] === ']') {
        at += 1;
        return items;
      }
      if (text[at] === ',' || text[at] === ' ') {
        at += 1;
        continue;
      }
      const item = value();
      if (item !== undefined) items.push(item);
    }
    return items;
  };

  return value();
}

function nextSpecial(text: string, from: number): number {
  const quote = text.indexOf('"', from);
  const backslash = text.indexOf('\\', from);
  const ends = [quote, backslash, text.length].filter((index) => index !== -1);
  return Math.min(...ends);
}
