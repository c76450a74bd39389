import type { ModifierPlan, ValueTransform } from './modifier-plan.ts';
import { SigmaError } from './sigma-error.ts';
import {
  literalText,
  parseSigmaString,
  withLeadingWildcard,
  withTrailingWildcard,
  type Pattern,
  type PatternPart,
} from './sigma-pattern.ts';

/** Values for `%name%` placeholders under the expand modifier, each a Sigma string (wildcards allowed). */
export type Placeholders = Readonly<Record<string, readonly string[]>>;

type Item = Pattern | Uint8Array;

/** Past this many variants of one value a rule is refused rather than slowing every event. */
const maxVariants = 625;

/**
 * One rule value through its transformation modifiers, in the order written. A value can become
 * several (base64offset, windash, expand): the result lists them, and any of them matching
 * counts as the value matching.
 */
export function transformValue(
  value: string | number | boolean,
  plan: ModifierPlan,
  placeholders: Placeholders,
): Pattern[] {
  let items: Item[] = [
    typeof value === 'string' ? parseSigmaString(value, plan.transforms.includes('expand')) : [String(value)],
  ];
  for (const transform of plan.transforms) {
    items = items.flatMap((item) => apply(transform, item, placeholders));
    if (items.length > maxVariants) {
      throw new SigmaError(
        'value_invalid',
        `${transform} turns one value into more than ${maxVariants} variants`,
      );
    }
  }
  return items.map((item) => {
    if (item instanceof Uint8Array)
      throw new SigmaError('modifier_invalid', 'an encoded value must end in base64');
    return item;
  });
}

function apply(transform: ValueTransform, item: Item, placeholders: Placeholders): Item[] {
  switch (transform) {
    case 'base64':
      return [[Buffer.from(bytesOf(item, transform)).toString('base64')]];
    case 'base64offset':
      return base64Offsets(bytesOf(item, transform)).map((text) => [text]);
    case 'utf16le':
    case 'wide':
      return [Buffer.from(textOf(item, transform), 'utf16le')];
    case 'utf16be':
      return [Buffer.from(textOf(item, transform), 'utf16le').swap16()];
    case 'utf16':
      return [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(textOf(item, transform), 'utf16le')])];
    default:
      break;
  }
  const pattern = patternOf(item, transform);
  switch (transform) {
    case 'contains':
      return [withLeadingWildcard(withTrailingWildcard(pattern))];
    case 'startswith':
      return [withTrailingWildcard(pattern)];
    case 'endswith':
      return [withLeadingWildcard(pattern)];
    case 'windash':
      return windash(pattern);
    case 'expand':
      return expand(pattern, placeholders);
  }
}

/*
 * The spec's base64offset: the value may sit at any of three byte offsets inside a longer
 * encoded string. Encoding it after 0, 1 or 2 filler bytes and cutting off the characters that
 * depend on the unknown neighbours leaves the part that is the same whatever surrounds it.
 */
function base64Offsets(bytes: Uint8Array): string[] {
  const starts = [0, 2, 3];
  const ends = [undefined, -3, -2];
  return [0, 1, 2].map((shift) => {
    const encoded = Buffer.concat([Buffer.alloc(shift, 0x20), bytes]).toString('base64');
    return encoded.slice(starts[shift], ends[(bytes.length + shift) % 3]);
  });
}

const dashes = ['-', '/', '\u2013', '\u2014', '\u2015'];
const wordChar = /\w/;

/*
 * windash as pySigma applies it: a dash or slash that starts a command-line flag (at the start of
 * a text run or after a non-word character, and before a word character) becomes each of the five
 * dash characters. Every dash anywhere would turn a path like /usr/bin/x into 125 variants.
 */
function windash(pattern: Pattern): Pattern[] {
  let variants: PatternPart[][] = [[]];
  for (const part of pattern) {
    if (typeof part !== 'string') {
      for (const variant of variants) variant.push(part);
      continue;
    }
    let start = 0;
    for (let i = 0; i < part.length; i++) {
      if (!isFlagDash(part, i)) continue;
      const before = part.slice(start, i);
      variants = variants.flatMap((variant) => dashes.map((dash) => [...variant, before + dash]));
      if (variants.length > maxVariants) {
        throw new SigmaError(
          'value_invalid',
          `windash turns one value into more than ${maxVariants} variants`,
        );
      }
      start = i + 1;
    }
    const rest = part.slice(start);
    for (const variant of variants) variant.push(rest);
  }
  return variants;
}

function isFlagDash(text: string, at: number): boolean {
  return (
    dashes.includes(text[at] ?? '') &&
    (at === 0 || !wordChar.test(text[at - 1] ?? '')) &&
    wordChar.test(text[at + 1] ?? '')
  );
}

function expand(pattern: Pattern, placeholders: Placeholders): Pattern[] {
  let variants: PatternPart[][] = [[]];
  for (const part of pattern) {
    if (typeof part !== 'object') {
      for (const variant of variants) variant.push(part);
      continue;
    }
    const values = Object.hasOwn(placeholders, part.placeholder) ? placeholders[part.placeholder] : undefined;
    if (values === undefined || values.length === 0) {
      throw new SigmaError(
        'placeholder_unknown',
        `placeholder %${part.placeholder}% has no configured values`,
      );
    }
    const replacements = values.map((value) => parseSigmaString(value, false));
    variants = variants.flatMap((variant) => replacements.map((replacement) => [...variant, ...replacement]));
    if (variants.length > maxVariants) {
      throw new SigmaError('value_invalid', `expand turns one value into more than ${maxVariants} variants`);
    }
  }
  return variants;
}

function patternOf(item: Item, transform: ValueTransform): Pattern {
  if (item instanceof Uint8Array)
    throw new SigmaError('modifier_invalid', `${transform} cannot follow a UTF-16 encoding`);
  return item;
}

function textOf(item: Item, transform: ValueTransform): string {
  const text = literalText(patternOf(item, transform));
  if (text === undefined) {
    throw new SigmaError(
      'value_invalid',
      `${transform} needs a plain value, without wildcards or placeholders`,
    );
  }
  return text;
}

function bytesOf(item: Item, transform: ValueTransform): Uint8Array {
  return item instanceof Uint8Array ? item : Buffer.from(textOf(item, transform), 'utf8');
}
