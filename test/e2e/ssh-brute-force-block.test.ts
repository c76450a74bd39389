import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { needs } from '../helpers/requirements.ts';
import { needsNetns } from '../modules/firewall/netns.ts';
import { blockedAddresses, connectToSshd, failedLogin, startSshLab, type SshLab } from './ssh-lab.ts';

/*
 * Issue 5, for real: an attacker namespace guesses passwords against a real sshd in a victim
 * namespace; the vigil agent there tails sshd's log, the server's built-in SSH brute-force rule
 * fires, the response policy blocks the address on the attacked host, and the attacker's next
 * TCP connection is dropped until the block's timeout runs out. Durations are whole minutes
 * (response.durations), so the expiry check waits about a minute.
 */

function requirements(): { skip?: string } {
  for (const [program, why] of [
    ['sshd', 'the victim runs a real OpenSSH server'],
    ['ssh', 'the attacker uses the real ssh client'],
    ['sshpass', 'the attacker types wrong passwords through sshpass'],
  ] as const) {
    const options = needs(program, why);
    if (options.skip) return options;
  }
  return needsNetns('the victim and attacker are network namespaces');
}

const otherTool = `table inet othertool {
	set friends {
		type ipv4_addr
		elements = { 192.0.2.10, 192.0.2.11 }
	}

	chain input {
		type filter hook input priority filter + 5; policy accept;
		ip saddr @friends accept
	}
}
`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SSH brute force against a real sshd, blocked by a real agent', requirements(), () => {
  let lab: SshLab;
  let otherBefore: string;

  before(async () => {
    lab = await startSshLab({ sshd: true, response: { durations: ['1m'] } });
    execFileSync('ip', ['netns', 'exec', lab.victim.name, 'nft', '-f', '-'], { input: otherTool });
    otherBefore = lab.victim.exec('nft', 'list', 'table', 'inet', 'othertool');
  });
  after(async () => {
    await lab.close();
  });

  /** Failed logins from `source` until its address is in the set (or `attempts` are spent). */
  async function attack(
    source: string,
    attempts: number,
  ): Promise<{ blockedAfter?: number; messages: string[] }> {
    const messages: string[] = [];
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      messages.push(await failedLogin(lab, source, attempt % 2 ? 'vigil-e2e-nosuchuser' : 'root'));
      if (blockedAddresses(lab).includes(source)) return { blockedAfter: attempt, messages };
    }
    return { messages };
  }

  test('an allowlisted address making the same attempts is never blocked', async () => {
    const { blockedAfter, messages } = await attack(lab.allowlisted, 8);
    assert.equal(blockedAfter, undefined);
    // sshd saw (and refused) every attempt: the attacker really was talking to it.
    assert.ok(
      messages.every((message) => message.includes('Permission denied')),
      messages.join('\n'),
    );
    // The rule did fire for it: the server saw the attack and chose not to block.
    for (const deadline = Date.now() + 10_000; ; await sleep(200)) {
      const { body } = await lab.admin.request('GET', '/api/alerts');
      if (JSON.stringify(body).includes(lab.allowlisted)) break;
      if (Date.now() > deadline) assert.fail(`no alert for ${lab.allowlisted}`);
    }
    await sleep(2_000);
    assert.ok(!blockedAddresses(lab).includes(lab.allowlisted));
    assert.equal(await connectToSshd(lab, lab.allowlisted), 'connected');
  });

  test('the attacker is dropped once the brute-force rule fires, and connects again when the block expires', async () => {
    assert.equal(await connectToSshd(lab, lab.attacker), 'connected');
    const { blockedAfter, messages } = await attack(lab.attacker, 20);
    assert.ok(blockedAfter !== undefined, `never blocked:\n${messages.join('\n')}`);
    assert.ok(blockedAfter >= 3, `blocked after ${blockedAfter} attempts`);
    const blockedAt = Date.now();

    assert.equal(await connectToSshd(lab, lab.attacker), 'timeout');
    // The allowlisted address on the same interface still gets through.
    assert.equal(await connectToSshd(lab, lab.allowlisted), 'connected');

    // The policy's block is a minute long, counted from when the server decided it. The test
    // sees the element only after the attempt in flight ends (a dropped SYN waits out the
    // client's timeout), so the expiry is checked against the server's record, not blockedAt.
    const { body } = await lab.admin.request('GET', `/api/blocks?address=${lab.attacker}`);
    const [block] = (body as { blocks: { createdAt: string; expiresAt: string | null }[] }).blocks;
    assert.ok(block?.expiresAt, JSON.stringify(body));
    const expiresAt = Date.parse(block.expiresAt);
    assert.equal(expiresAt - Date.parse(block.createdAt), 60_000);

    // The kernel drops the element when its timeout runs out.
    for (
      const deadline = blockedAt + 90_000;
      blockedAddresses(lab).includes(lab.attacker);
      await sleep(500)
    ) {
      if (Date.now() > deadline) assert.fail('the block did not expire');
    }
    assert.ok(Date.now() > expiresAt - 2_000, `expired ${expiresAt - Date.now()} ms before its minute`);
    assert.equal(await connectToSshd(lab, lab.attacker), 'connected');
  });

  test('another tool’s table in the victim namespace is byte-identical', () => {
    assert.equal(lab.victim.exec('nft', 'list', 'table', 'inet', 'othertool'), otherBefore);
    // And Vigil's own table is there: the comparison above is not vacuous.
    assert.match(lab.victim.exec('nft', 'list', 'tables'), /table inet vigil/);
  });
});
