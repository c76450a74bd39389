import { SigmaError } from './sigma-error.ts';

/* The modifiers of one `field|mod|mod` key, checked against the spec's modifiers appendix. */

const valueTransforms = [
  'contains',
  'startswith',
  'endswith',
  'windash',
  'base64',
  'base64offset',
  'utf16le',
  'utf16be',
  'utf16',
  'wide',
  'expand',
] as const;
const compares = ['lt', 'lte', 'gt', 'gte'] as const;
const timeParts = ['minute', 'hour', 'day', 'week', 'month', 'year'] as const;
const types = ['re', 'cidr', 'exists', 'fieldref', ...compares] as const;
const regexFlags = ['i', 'm', 's'] as const;
const flags = ['all', 'cased', 'neq'] as const;

export type ValueTransform = (typeof valueTransforms)[number];
export type Compare = (typeof compares)[number];
export type TimePart = (typeof timeParts)[number];
type TypeModifier = (typeof types)[number];

export interface ModifierPlan {
  all: boolean;
  cased: boolean;
  neq: boolean;
  /** How values are compared; `plain` is Sigma's wildcard string match. */
  type: 'plain' | 're' | 'cidr' | 'exists' | 'fieldref' | 'compare';
  compare?: Compare;
  timePart?: TimePart;
  regexFlags: Set<'i' | 'm' | 's'>;
  /** In the order written: each applies to the result of the one before. */
  transforms: ValueTransform[];
}

const is = <T extends string>(list: readonly T[], name: string): name is T =>
  (list as readonly string[]).includes(name);

export function planModifiers(modifiers: readonly string[]): ModifierPlan {
  const plan: ModifierPlan = {
    all: false,
    cased: false,
    neq: false,
    type: 'plain',
    regexFlags: new Set(),
    transforms: [],
  };
  const seen = new Set<string>();
  let typeModifier: TypeModifier | undefined;
  for (const modifier of modifiers) {
    if (seen.has(modifier)) throw invalid(`modifier ${modifier} appears twice`);
    seen.add(modifier);
    if (is(flags, modifier)) {
      plan[modifier] = true;
    } else if (is(valueTransforms, modifier)) {
      // pySigma writes `fieldref|startswith`: the relation to the other field may follow it.
      const relation = modifier === 'contains' || modifier === 'startswith' || modifier === 'endswith';
      if (typeModifier !== undefined && !(typeModifier === 'fieldref' && relation)) {
        throw invalid(`${modifier} cannot follow ${typeModifier}`);
      }
      plan.transforms.push(modifier);
    } else if (is(types, modifier)) {
      if (typeModifier !== undefined) throw invalid(`${modifier} cannot be combined with ${typeModifier}`);
      typeModifier = modifier;
      if (is(compares, modifier)) {
        plan.type = 'compare';
        plan.compare = modifier;
      } else {
        plan.type = modifier;
      }
    } else if (is(regexFlags, modifier)) {
      if (typeModifier !== 're') throw invalid(`the regular expression flag ${modifier} must follow re`);
      plan.regexFlags.add(modifier);
    } else if (is(timeParts, modifier)) {
      if (plan.timePart !== undefined) throw invalid(`${modifier} cannot be combined with ${plan.timePart}`);
      plan.timePart = modifier;
    } else {
      throw new SigmaError('modifier_unknown', `unknown modifier ${modifier}`);
    }
  }
  checkCombination(plan);
  return plan;
}

function checkCombination(plan: ModifierPlan): void {
  const { type, transforms } = plan;
  const only = (allowed: readonly ValueTransform[]): void => {
    const other = transforms.find((transform) => !allowed.includes(transform));
    if (other !== undefined)
      throw invalid(`${other} cannot be combined with ${type === 'compare' ? plan.compare : type}`);
  };
  if (type === 're' || type === 'cidr' || type === 'compare') only([]);
  if (type === 'exists') {
    only([]);
    if (plan.all || plan.neq || plan.cased || plan.timePart) throw invalid('exists takes no other modifier');
  }
  if (type === 'fieldref') only(['contains', 'startswith', 'endswith']);
  if (plan.timePart !== undefined && type !== 'plain' && type !== 'compare') {
    throw invalid(`${plan.timePart} compares numbers; it cannot be combined with ${type}`);
  }
  if (plan.timePart !== undefined) only([]);
  const encodings = transforms.filter((transform) => transform.startsWith('utf16') || transform === 'wide');
  if (encodings.length > 1) throw invalid(`${encodings.join(' and ')} cannot be combined`);
  const encoding = encodings[0];
  if (encoding !== undefined) {
    const after = transforms.slice(transforms.indexOf(encoding) + 1);
    if (!after.includes('base64') && !after.includes('base64offset')) {
      throw new SigmaError(
        'modifier_not_applicable',
        `${encoding} without a following base64 or base64offset produces UTF-16 bytes, which text logs never contain`,
      );
    }
  }
  if (transforms.includes('base64') && transforms.includes('base64offset')) {
    throw invalid('base64 and base64offset cannot be combined');
  }
}

const invalid = (message: string): SigmaError => new SigmaError('modifier_invalid', message);
