import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Command } from 'commander';
import { commandModules, createProgram } from '../../src/cli/create-program.ts';

const topLevel = (program: Command) => program.commands.map((command) => command.name());

test('the registry names exactly the commands each module registers, in help order', async () => {
  for (const module of commandModules) {
    const program = new Command();
    (await module.load())(program);
    assert.deepEqual(topLevel(program), module.names);
  }
  const all = await createProgram(['node', 'vigil', '--help']);
  assert.deepEqual(
    topLevel(all),
    commandModules.flatMap((module) => module.names),
  );
});

test('a named command loads only its module, past the program options', async () => {
  assert.deepEqual(topLevel(await createProgram(['node', 'vigil', 'detect', 'x.log'])), ['detect']);
  const afterOptions = await createProgram([
    'node',
    'vigil',
    '-c',
    'vigil.yaml',
    '--data-dir',
    'd',
    'unblock',
  ]);
  assert.deepEqual(topLevel(afterOptions), ['block', 'unblock', 'blocks']);
});

test('help, an unknown command or an option it cannot place loads every command', async () => {
  const everyCommand = commandModules.flatMap((module) => module.names);
  for (const args of [
    [],
    ['--help'],
    ['help', 'detect'],
    ['detekt'],
    ['--config=vigil.yaml', 'detect'],
    ['--', 'detect'],
  ]) {
    assert.deepEqual(topLevel(await createProgram(['node', 'vigil', ...args])), everyCommand, args.join(' '));
  }
});
