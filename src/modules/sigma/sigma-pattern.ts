/*
 * A Sigma string value as parts: literal text, the `*` and `?` wildcards and, under `expand`,
 * `%name%` placeholders. Escaping follows the spec: a backslash makes the next `*`, `?`, `\` (and
 * under expand `%`) literal; a backslash before anything else is itself literal, so both
 * `C:\Windows` and `C:\\Windows` mean one backslash and `\\*` is a backslash then a wildcard.
 */

export const anyChars: unique symbol = Symbol('*');
export const oneChar: unique symbol = Symbol('?');

export interface Placeholder {
  readonly placeholder: string;
}

export type PatternPart = string | typeof anyChars | typeof oneChar | Placeholder;
export type Pattern = readonly PatternPart[];

const placeholderName = /^%(\w+)%/;

export function parseSigmaString(value: string, withPlaceholders: boolean): Pattern {
  const parts: PatternPart[] = [];
  let text = '';
  const flush = (): void => {
    if (text !== '') parts.push(text);
    text = '';
  };
  for (let i = 0; i < value.length; i++) {
    const char = value[i] ?? '';
    const next = value[i + 1];
    if (
      char === '\\' &&
      (next === '*' || next === '?' || next === '\\' || (withPlaceholders && next === '%'))
    ) {
      text += next;
      i++;
    } else if (char === '*' || char === '?') {
      flush();
      parts.push(char === '*' ? anyChars : oneChar);
    } else if (char === '%' && withPlaceholders) {
      const name = placeholderName.exec(value.slice(i))?.[1];
      if (name === undefined) {
        text += char;
      } else {
        flush();
        parts.push({ placeholder: name });
        i += name.length + 1;
      }
    } else {
      text += char;
    }
  }
  flush();
  return parts;
}

/** The pattern's text when it is all literal (no wildcard or placeholder), else undefined. */
export function literalText(pattern: Pattern): string | undefined {
  let text = '';
  for (const part of pattern) {
    if (typeof part !== 'string') return undefined;
    text += part;
  }
  return text;
}

export function withLeadingWildcard(pattern: Pattern): Pattern {
  return pattern[0] === anyChars ? pattern : [anyChars, ...pattern];
}

export function withTrailingWildcard(pattern: Pattern): Pattern {
  return pattern[pattern.length - 1] === anyChars ? pattern : [...pattern, anyChars];
}
