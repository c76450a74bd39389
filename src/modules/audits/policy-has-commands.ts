import type { ScaPolicy } from '../../protocol/sca.ts';

const commandRule = /^(not\s+)?!?c:/;

/**
 * Whether any rule of the policy (its requirements included) runs a command. Read from the rule
 * text as written and with the policy's variables put in, since 5.x replaces them anywhere in a
 * rule; a `c:` rule the engine would refuse still counts, so nothing that looks like a command
 * reaches a host unapproved.
 */
export function policyHasCommands(policy: ScaPolicy): boolean {
  const names = Object.keys(policy.variables).sort((a, b) => b.length - a.length);
  const expand = (text: string) =>
    names.reduce((out, name) => out.split(name).join(policy.variables[name] ?? ''), text);
  const rules = [...(policy.requirements?.rules ?? []), ...policy.checks.flatMap((check) => check.rules)];
  return rules.some((rule) => commandRule.test(rule.trim()) || commandRule.test(expand(rule.trim()).trim()));
}
