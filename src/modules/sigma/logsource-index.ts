import type { SecurityEvent } from '../../protocol/security-event.ts';
import { logSourceAccepts, type RuleLogSource } from './logsource.ts';

/** Distinct event logsources remembered; past this (program names come from log lines) it starts over. */
const maxRemembered = 4096;

type Level<T> = Map<string, T>;

/**
 * Rules grouped by logsource, so that an event meets only the rules for its logsource. The rules
 * for each distinct (product, category, service, program) an event carries are worked out and
 * prepared once (`prepare`, once per distinct list of rules) and remembered; the lookup per
 * event is four map reads and allocates nothing.
 */
export class LogSourceIndex<T extends { logsource: RuleLogSource }, P> {
  private readonly groups: { logsource: RuleLogSource; items: T[] }[] = [];
  private remembered: Level<Level<Level<Level<P>>>> = new Map();
  private rememberedCount = 0;
  /** Prepared lists by the groups they hold: programs that select the same rules share one. */
  private prepared = new Map<string, P>();

  constructor(
    items: readonly T[],
    private readonly prepare: (items: readonly T[]) => P,
  ) {
    const bySignature = new Map<string, { logsource: RuleLogSource; items: T[] }>();
    for (const item of items) {
      const { product, category, service } = item.logsource;
      const signature = JSON.stringify([product, category, service]);
      let group = bySignature.get(signature);
      if (group === undefined) {
        group = { logsource: item.logsource, items: [] };
        bySignature.set(signature, group);
        this.groups.push(group);
      }
      group.items.push(item);
    }
  }

  itemsFor(event: SecurityEvent): P {
    const { product = '', category = '', service = '' } = event.logsource;
    const program = event.metadata.product.name;
    const known = this.remembered.get(product)?.get(category)?.get(service)?.get(program);
    if (known !== undefined) return known;
    const items = this.select(product, category, service, program);
    if (this.rememberedCount >= maxRemembered) {
      this.remembered = new Map();
      this.prepared = new Map();
      this.rememberedCount = 0;
    }
    child(child(child(this.remembered, product), category), service).set(program, items);
    this.rememberedCount++;
    return items;
  }

  private select(product: string, category: string, service: string, program: string): P {
    const logsource = {
      ...(product === '' ? {} : { product: product.toLowerCase() }),
      ...(category === '' ? {} : { category: category.toLowerCase() }),
      ...(service === '' ? {} : { service: service.toLowerCase() }),
    };
    const lowerProgram = program.toLowerCase();
    const indices = this.groups.flatMap((group, index) =>
      logSourceAccepts(group.logsource, logsource, lowerProgram) ? [index] : [],
    );
    const groups = indices.map((index) => this.groups[index] as (typeof this.groups)[number]);
    const signature = indices.join(',');
    let prepared = this.prepared.get(signature);
    if (prepared === undefined) {
      prepared = this.prepare(groups.flatMap((group) => group.items));
      this.prepared.set(signature, prepared);
    }
    return prepared;
  }
}

function child<T>(level: Level<Level<T>>, key: string): Level<T> {
  let next = level.get(key);
  if (next === undefined) {
    next = new Map();
    level.set(key, next);
  }
  return next;
}
