import type { SecurityEvent } from '../../../src/protocol/security-event.ts';
import { createDetector } from '../../../src/modules/sigma/create-detector.ts';
import {
  loadRuleSources,
  type LoadedRules,
  type LoadOptions,
} from '../../../src/modules/sigma/load-rules.ts';
import type { Finding } from '../../../src/protocol/finding.ts';

/** A syslog line from a Linux host as the parsers would hand it over; override what a test needs. */
export function linuxEvent(fields: Partial<SecurityEvent> = {}): SecurityEvent {
  return {
    class_uid: 0,
    class_name: 'Base Event',
    category_uid: 0,
    activity_id: 0,
    type_uid: 0,
    time: Date.UTC(2026, 1, 12, 14, 0, 0),
    raw_data: 'Feb 12 14:00:00 web1 app[1]: hello',
    message: 'hello',
    metadata: { product: { name: 'app' } },
    logsource: { product: 'linux', service: 'app' },
    device: { hostname: 'web1' },
    ...fields,
  };
}

/** Loads rules from YAML text; fails the test on any error or unsupported rule unless allowed. */
export function rulesFrom(
  text: string,
  options: LoadOptions & { allowProblems?: boolean } = {},
): LoadedRules {
  const loaded = loadRuleSources([{ file: 'test.yml', text }], options);
  if (!options.allowProblems && (loaded.errors.length > 0 || loaded.unsupported.length > 0)) {
    throw new Error(`rules did not load: ${JSON.stringify([...loaded.errors, ...loaded.unsupported])}`);
  }
  return loaded;
}

/** A one-selection rule over linux events, for modifier tests. */
export function selectionRule(selection: string, logsource = 'product: linux'): string {
  return `title: test rule
logsource:
  ${logsource}
detection:
  selection:
${selection
  .trim()
  .split('\n')
  .map((line) => `    ${line}`)
  .join('\n')}
  condition: selection
`;
}

/** Whether the single-rule YAML matches the event. */
export function matches(ruleYaml: string, event: SecurityEvent, options: LoadOptions = {}): boolean {
  const { rules } = rulesFrom(ruleYaml, options);
  return createDetector({ rules }).process(event).length > 0;
}

/** Every finding of a run over events, including windows closed at the end. */
export function run(loaded: LoadedRules, events: readonly SecurityEvent[], end = Infinity): Finding[] {
  const detector = createDetector({ rules: loaded.rules, correlations: loaded.correlations });
  return [...events.flatMap((event) => detector.process(event)), ...detector.flush(end)];
}

/** Two rules over sshd events, named `failed` and `success`, for correlations to refer to. */
export const sshLoginRules = `title: failed login
name: failed
logsource: { product: linux, service: sshd }
detection:
  selection: { status: Failure }
  condition: selection
---
title: successful login
name: success
logsource: { product: linux, service: sshd }
detection:
  selection: { status: Success }
  condition: selection
`;
