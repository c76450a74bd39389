import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Command } from 'commander';
import { addAgentOptions, fimPathsOf, type AgentCommandOptions } from '../../src/agent/agent-command.ts';
import { defaultFimPaths } from '../../src/modules/fim/default-fim-paths.ts';

const parse = (args: string[]): AgentCommandOptions =>
  addAgentOptions(new Command('agent').exitOverride())
    .parse(args, { from: 'user' })
    .opts<AgentCommandOptions>();

test('FIM watches the default paths unless told otherwise', () => {
  assert.deepEqual(fimPathsOf(parse([])), [...defaultFimPaths], 'on by default, as the docs say');
  assert.deepEqual(fimPathsOf(parse(['--fim', '/srv/app', '/etc/app'])), ['/srv/app', '/etc/app']);
  assert.deepEqual(fimPathsOf(parse(['--no-fim'])), []);
});
