import type { ScaResult, ScaRuleOutcome } from '../../protocol/sca.ts';
import { lineMatches, matchContent } from './match-content.ts';
import type { LineTest, ParsedRule } from './parse-rule.ts';
import { literalCaseless } from './sca-dialect.ts';
import type { ScaHost } from './sca-host.ts';

/** Evidence quotes a line at most this long. */
const maxQuote = 200;

interface Observation {
  state: ScaRuleOutcome['state'];
  evidence: string;
}

/**
 * One rule's outcome on a host. `found` means the rule's condition held before a leading
 * `not`; `not` swaps found and not found; a rule that could not be evaluated (a content rule on
 * a missing or unreadable file, a command that did not run) is `invalid`, which no `not` turns
 * into a pass. docs/audit.md ("Semantics") has the whole table and where Vigil differs from
 * Wazuh.
 */
export async function evaluateRule(rule: ParsedRule, host: ScaHost): Promise<ScaRuleOutcome> {
  const { state, evidence } = await observe(rule, host);
  let verdict: ScaResult = 'not_applicable';
  if (state !== 'invalid') verdict = (state === 'found') !== rule.negated ? 'passed' : 'failed';
  return { rule: rule.text, state, verdict, evidence };
}

function observe(rule: ParsedRule, host: ScaHost): Promise<Observation> {
  switch (rule.type) {
    case 'f':
      return observeFiles(rule, host);
    case 'd':
      return observeDirectories(rule, host);
    case 'c':
      return observeCommand(rule, host);
    case 'p':
      return observeProcess(rule, host);
    case 'r':
      return Promise.resolve({ state: 'invalid', evidence: 'registry rules apply to Windows hosts only' });
  }
}

async function observeFiles(rule: ParsedRule, host: ScaHost): Promise<Observation> {
  const problems: string[] = [];
  for (const path of await expandAll(rule.targets, host)) {
    if (rule.content === undefined) {
      const kind = await host.pathKind(path);
      if (kind === 'file') return { state: 'found', evidence: `${path} exists` };
      // 4.x cannot judge a path that exists but is no regular file (5.x: not found).
      if (kind !== 'missing' && rule.dialect.format === '4.x') problems.push(`${path} is not a regular file`);
      continue;
    }
    const read = await host.readLines(path);
    if (read.status !== 'ok') {
      problems.push(read.status === 'missing' ? `${path} does not exist` : read.message);
      continue;
    }
    const match = matchContent(read.value, rule.content, rule.dialect);
    if (match.state === 'found') return { state: 'found', evidence: located(path, match) };
    if (match.state === 'invalid') problems.push(match.reason);
  }
  if (problems.length > 0) return { state: 'invalid', evidence: problems.join('; ') };
  const what =
    rule.content === undefined ? 'is not a file' : `has no line matching ${describe(rule.content)}`;
  return { state: 'not_found', evidence: `${rule.targets.join(', ')} ${what}` };
}

async function observeDirectories(rule: ParsedRule, host: ScaHost): Promise<Observation> {
  const problems: string[] = [];
  const existence = rule.names === undefined && rule.content === undefined;
  // `d:/dir/*` means the files of /dir, which is what the directory rule looks at anyway.
  const dirs = rule.targets.map((target) => (existence ? target : target.replace(/\/\*$/, '')));
  for (const dir of await expandAll(dirs, host)) {
    const kind = await host.pathKind(dir);
    if (existence) {
      if (kind === 'directory') return { state: 'found', evidence: `${dir} exists` };
      // 4.x cannot open a path that exists but is no directory (5.x: not found).
      if (kind !== 'missing' && rule.dialect.format === '4.x') problems.push(`${dir} is not a directory`);
      continue;
    }
    if (kind !== 'directory') {
      problems.push(kind === 'missing' ? `${dir} does not exist` : `${dir} is not a directory`);
      continue;
    }
    const listed = await host.listFiles(dir);
    if (listed.status !== 'ok') {
      problems.push(listed.status === 'error' ? listed.message : `${dir} does not exist`);
      continue;
    }
    // Two parts name files (`d:/dir -> r:\.conf$`); three also test their lines.
    const nameTests = rule.names ?? rule.content ?? [];
    const candidates = listed.value.filter((path) => nameMatches(basename(path), nameTests, rule));
    if (rule.names === undefined) {
      const first = candidates[0];
      if (first !== undefined) return { state: 'found', evidence: `${first} matches ${describe(nameTests)}` };
      continue;
    }
    for (const path of candidates) {
      const read = await host.readLines(path);
      if (read.status !== 'ok') {
        if (read.status === 'error') problems.push(read.message);
        continue;
      }
      const match = matchContent(read.value, rule.content ?? [], rule.dialect);
      if (match.state === 'found') return { state: 'found', evidence: located(path, match) };
      if (match.state === 'invalid') problems.push(match.reason);
    }
  }
  if (problems.length > 0) return { state: 'invalid', evidence: problems.join('; ') };
  if (existence) return { state: 'not_found', evidence: `${rule.targets.join(', ')} is not a directory` };
  const files = rule.names === undefined ? '' : ` and a line matching ${describe(rule.content ?? [])}`;
  return {
    state: 'not_found',
    evidence: `${rule.targets.join(', ')} holds no file named ${describe(rule.names ?? rule.content ?? [])}${files}`,
  };
}

async function observeCommand(rule: ParsedRule, host: ScaHost): Promise<Observation> {
  const command = rule.targets[0] ?? '';
  const ran = await host.run(command);
  if (ran.status !== 'ok')
    return { state: 'invalid', evidence: ran.status === 'error' ? ran.message : `${command} did not run` };
  const { lines, exitCode } = ran.value;
  const shown = `\`${command}\`${exitCode === 0 ? '' : ` (exit ${exitCode})`}`;
  if (rule.content === undefined) return { state: 'found', evidence: `${shown} ran` };
  const only = rule.content.length === 1 ? rule.content[0] : undefined;
  if (rule.dialect.format === '5.x' && only?.kind === 'literal' && !only.negated) {
    // 5.x compares a literal with the whole output, not line by line.
    const output = lines.join('\n').replace(/^\n+|\n+$/g, '');
    return output === only.text
      ? { state: 'found', evidence: `${shown} printed exactly ${quote(only.text)}` }
      : { state: 'not_found', evidence: `${shown} printed ${quote(output)}, not ${quote(only.text)}` };
  }
  const match = matchContent(lines, rule.content, rule.dialect);
  if (match.state === 'found') return { state: 'found', evidence: `${shown} ${located('line', match)}` };
  if (match.state === 'invalid') return { state: 'invalid', evidence: match.reason };
  const first = lines.length === 0 ? 'no output' : `${lines.length} lines, first: ${quote(lines[0] ?? '')}`;
  return { state: 'not_found', evidence: `${shown}: no line matches ${describe(rule.content)} (${first})` };
}

async function observeProcess(rule: ParsedRule, host: ScaHost): Promise<Observation> {
  const name = rule.targets[0] ?? '';
  const names = await host.processNames();
  if (names.status !== 'ok')
    return { state: 'invalid', evidence: names.status === 'error' ? names.message : 'no process list' };
  const wanted = literalCaseless(rule.dialect) ? name.toLowerCase() : name;
  const running = [...names.value].some(
    (candidate) => (literalCaseless(rule.dialect) ? candidate.toLowerCase() : candidate) === wanted,
  );
  return running
    ? { state: 'found', evidence: `a process named ${name} is running` }
    : { state: 'not_found', evidence: `no process named ${name} is running` };
}

/**
 * Whether a file name passes a `d:` rule's name part. A plain name is matched as each format
 * does: 5.x by equality, 4.x as OS_Match (case-insensitive substring, `^`/`$` anchors, `|`).
 */
function nameMatches(name: string, tests: readonly LineTest[], rule: ParsedRule): boolean {
  const only = tests.length === 1 ? tests[0] : undefined;
  if (only?.kind === 'literal' && rule.dialect.format === '4.x')
    return osMatch(name, only.text) !== only.negated;
  return lineMatches(name, tests, rule.dialect);
}

function osMatch(text: string, pattern: string): boolean {
  const lower = text.toLowerCase();
  return pattern
    .toLowerCase()
    .split('|')
    .some((alternative) => {
      const start = alternative.startsWith('^');
      const end = alternative.endsWith('$') && alternative.length > (start ? 1 : 0);
      const core = alternative.slice(start ? 1 : 0, end ? -1 : undefined);
      if (start && end) return lower === core;
      if (start) return lower.startsWith(core);
      if (end) return lower.endsWith(core);
      return lower.includes(core);
    });
}

async function expandAll(targets: readonly string[], host: ScaHost): Promise<string[]> {
  return (await Promise.all(targets.map((target) => host.expand(target)))).flat();
}

function located(where: string, match: { number: number; line: string }): string {
  return match.number === 0 ? `${where}: ${match.line}` : `${where}:${match.number}: ${quote(match.line)}`;
}

function describe(tests: readonly LineTest[]): string {
  return tests.map((test) => test.source).join(' && ');
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function quote(line: string): string {
  return JSON.stringify(line.length > maxQuote ? `${line.slice(0, maxQuote)}…` : line);
}
