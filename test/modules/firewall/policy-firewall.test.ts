import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Reach } from '../../../src/modules/firewall/confirm-within.ts';
import { createFirewall } from '../../../src/modules/firewall/create-firewall.ts';
import {
  createPolicyFirewall,
  recoverPendingRollback,
  replaceScript,
  type PolicyFirewall,
} from '../../../src/modules/firewall/policy-firewall.ts';
import { policyObjects } from '../../../src/modules/firewall/policy-objects.ts';
import { renderPolicy } from '../../../src/modules/firewall/render-policy.ts';
import { createToolRunner } from '../../../src/modules/firewall/run-tool.ts';
import { FirewallPolicy, type FirewallPolicyInput } from '../../../src/protocol/firewall-policy.ts';
import { attackers, createNetnsPair, needsNetns, type NetnsPair } from './netns.ts';

const otherTable = `
table inet other {
  chain input {
    type filter hook input priority 0; policy accept;
    tcp dport 9 drop
  }
}
`;

/** Where the "server" listens, in the attacker namespace: the victim's policy decides whether it reaches it. */
const serverPort = 9443;

const policy = (input: FirewallPolicyInput) => FirewallPolicy.parse(input);

const onlyFromFirstAttacker = policy({
  name: 'only-first',
  inbound: { allow: [{ name: 'app', ports: [8080], sources: [attackers.v4, '2001:db8::/32'] }] },
});

const rateLimited = policy({
  name: 'rate-limited',
  inbound: { allow: [{ name: 'app', ports: [8080], rateLimit: { rate: '3/minute', burst: 3 } }] },
});

/** Outbound default drop with nothing allowed: the host can no longer open a connection to its server. */
const cutsTheServerOff = policy({
  name: 'cuts-the-server-off',
  inbound: { default: 'accept' },
  outbound: { default: 'drop', allow: [{ name: 'dns', protocol: 'udp', ports: [53] }] },
});

describe(
  'firewall policies on nftables, in network namespaces',
  needsNetns('policies filter real traffic'),
  () => {
    let pair: NetnsPair;
    let firewall: PolicyFirewall;
    let server: ChildProcess;
    let dir: string;
    const victimNft = () => createToolRunner({ netns: pair.victim });
    const otherNow = () => pair.inVictim('nft', ['list', 'table', 'inet', 'other']);

    /** A TCP connection from the victim namespace to the "server", as the agent's confirmation makes one. */
    const reachServer: Reach = (signal) =>
      new Promise((resolve, reject) => {
        const script = `require('node:net').connect({ host: '${attackers.v4}', port: ${serverPort} })
        .on('connect', () => process.exit(0)).on('error', () => process.exit(1));`;
        const child = spawn('ip', ['netns', 'exec', pair.victim, process.execPath, '-e', script], {
          stdio: 'ignore',
          signal,
        });
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`connect exited ${code}`))));
      });

    before(async () => {
      pair = await createNetnsPair();
      pair.inVictim('nft', ['-f', '-'], otherTable);
      dir = mkdtempSync(join(tmpdir(), 'vigil-policy-'));
      firewall = createPolicyFirewall({ run: victimNft(), pendingPath: join(dir, 'pending.nft') });
      server = spawn(
        'ip',
        [
          'netns',
          'exec',
          pair.attacker,
          process.execPath,
          '-e',
          `require('node:net').createServer((s) => s.end()).listen(${serverPort}, '${attackers.v4}', () => console.log('ready'))`,
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      await new Promise((resolve) => server.stdout?.once('data', resolve));
    });

    after(() => {
      server.kill('SIGKILL');
      pair.destroy();
      rmSync(dir, { recursive: true, force: true });
    });

    test('a plan shows the whole policy as added, as nft prints it, and changes nothing', async () => {
      const before = otherNow();
      const plan = await firewall.plan(onlyFromFirstAttacker);
      assert.equal(plan.changed, true);
      assert.equal(plan.live, '');
      assert.match(
        plan.planned,
        /chain policy_input \{\n\t\ttype filter hook input priority filter; policy drop;/,
      );
      assert.match(plan.diff, /^\+\t\tip saddr 10\.99\.0\.2 tcp dport 8080 accept comment "app"$/m);
      assert.match(plan.diff, /^\+\t\tip6 saddr 2001:db8::\/32 tcp dport 8080 accept comment "app"$/m);
      assert.equal(policyObjects(pair.inVictim('nft', ['list', 'ruleset'])).text, '');
      assert.equal(otherNow(), before);
    });

    test('applied, the policy admits only the sources it names and leaves other tables and blocks alone', async () => {
      const blocks = createFirewall({ run: victimNft() });
      await blocks.block([{ address: '203.0.113.9', expiresAt: null }]);
      const before = otherNow();
      assert.equal(await pair.connect(attackers.otherV4), 'connected');

      const result = await firewall.apply(onlyFromFirstAttacker, 10, reachServer);
      assert.equal(result.outcome, 'applied', result.message);
      assert.match(result.message, /the server answered on a new connection after \d+ ms/);
      assert.equal(await pair.connect(attackers.v4), 'connected');
      assert.equal(await pair.connect(attackers.otherV4), 'timeout');
      assert.equal(await pair.connect(attackers.v6), 'timeout');

      const again = await firewall.plan(onlyFromFirstAttacker);
      assert.equal(again.changed, false, again.diff);
      assert.equal(again.diff, '');
      assert.equal((await firewall.apply(onlyFromFirstAttacker, 10, reachServer)).outcome, 'unchanged');
      assert.equal(otherNow(), before);
      assert.deepEqual(
        (await blocks.list()).map((element) => element.address),
        ['203.0.113.9'],
      );
    });

    test('a rate limit drops new connections from a source over its rate', async () => {
      const result = await firewall.apply(rateLimited, 10, reachServer);
      assert.equal(result.outcome, 'applied', result.message);
      assert.match(result.plan.diff, /^-.*comment "app"$/m);
      const outcomes = [];
      for (let attempt = 0; attempt < 5; attempt += 1) outcomes.push(await pair.connect(attackers.v4));
      assert.deepEqual(outcomes.slice(0, 3), ['connected', 'connected', 'connected']);
      assert.deepEqual(outcomes.slice(3), ['timeout', 'timeout']);
      // Another source has its own allowance.
      assert.equal(await pair.connect(attackers.otherV4), 'connected');
    });

    test('a policy that cuts the host off its server is rolled back on its own', async () => {
      await firewall.apply(onlyFromFirstAttacker, 10, reachServer);
      const previous = (await firewall.plan(onlyFromFirstAttacker)).live;
      const started = Date.now();
      const result = await firewall.apply(cutsTheServerOff, 5, reachServer);
      const took = Date.now() - started;
      assert.equal(result.outcome, 'rolled_back');
      assert.match(result.message, /could not be reached on a new connection within 5 s/);
      assert.ok(took >= 5000 && took < 15_000, `took ${took} ms`);
      assert.equal((await firewall.plan(onlyFromFirstAttacker)).live, previous);
      assert.equal(await pair.connect(attackers.v4), 'connected');
      assert.equal(await pair.connect(attackers.otherV4), 'timeout');
      assert.equal(existsSync(join(dir, 'pending.nft')), false);
    });

    test('an agent stopped inside the window rolls back when it starts again', async () => {
      await firewall.apply(onlyFromFirstAttacker, 10, reachServer);
      const previous = (await firewall.plan(null)).live;
      // What apply leaves behind when the process dies between applying and confirming.
      const pending = join(dir, 'pending.nft');
      writeFileSync(pending, previous);
      const live = policyObjects(pair.inVictim('nft', ['-t', '-s', 'list', 'table', 'inet', 'vigil']));
      pair.inVictim('nft', ['-f', '-'], replaceScript(live, renderPolicy(cutsTheServerOff)));
      await assert.rejects(reachServer(AbortSignal.timeout(1500)));

      assert.equal(await recoverPendingRollback(pending, victimNft()), true);
      assert.equal((await firewall.plan(null)).live, previous);
      await reachServer(AbortSignal.timeout(1500));
      assert.equal(await recoverPendingRollback(pending, victimNft()), false);
    });

    test('removing the policy deletes its chains and sets and nothing else', async () => {
      await firewall.apply(rateLimited, 10, reachServer);
      const before = otherNow();
      const result = await firewall.apply(null, 10, reachServer);
      assert.equal(result.outcome, 'applied', result.message);
      assert.equal(result.plan.planned, '');
      const listing = pair.inVictim('nft', ['list', 'table', 'inet', 'vigil']);
      assert.doesNotMatch(listing, /policy_/);
      assert.match(listing, /set blocked_v4/);
      assert.equal(otherNow(), before);
      assert.equal(await pair.connect(attackers.otherV6), 'connected');
    });

    test('a hand edit to a policy chain shows up as drift in the plan', async () => {
      await firewall.apply(onlyFromFirstAttacker, 10, reachServer);
      pair.inVictim('nft', ['add', 'rule', 'inet', 'vigil', 'policy_input', 'tcp', 'dport', '23', 'accept']);
      const plan = await firewall.plan(onlyFromFirstAttacker);
      assert.equal(plan.changed, true);
      assert.match(plan.diff, /^-\t\ttcp dport 23 accept$/m);
      assert.equal((await firewall.apply(onlyFromFirstAttacker, 10, reachServer)).outcome, 'applied');
      assert.equal((await firewall.plan(onlyFromFirstAttacker)).changed, false);
    });
  },
);
