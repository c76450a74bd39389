import { maxEvidenceChars, ScaRunParams, type AuditResultsRequest } from '../../protocol/audits-api.ts';
import type { ScaPolicyRun } from '../../protocol/sca.ts';
import { createLocalHost } from './create-local-host.ts';
import { parsePolicy } from './load-policy.ts';
import { runPolicy } from './run-policy.ts';
import type { ScaHost } from './sca-host.ts';

export interface ScaTaskOptions {
  taskId: string;
  signal: AbortSignal;
  /** Sends the run to the server: POST /api/agent/v1/audit/results, signed as every agent request. */
  postResults: (body: AuditResultsRequest) => Promise<unknown>;
  /** What to audit; this host, commands allowed, unless a test says otherwise. */
  host?: ScaHost;
}

/** Evidence per rule when the whole run was too large for the server's body limit. */
const shortEvidenceChars = 256;
const attempts = 4;

/**
 * The agent's `sca.run`: runs the policy the server sent on this host and posts the whole run,
 * evidence and all, to the server, which can be far more than a task's output holds; the task's
 * own output is one line. The policy comes in a task signed by the server, and the server sends
 * only approved policies, so its commands run. It must be exactly the version the server means:
 * a SHA-256 that does not match refuses it.
 */
export async function runScaTask(params: Record<string, unknown>, options: ScaTaskOptions): Promise<string> {
  const parsed = ScaRunParams.safeParse(params);
  if (!parsed.success) throw new Error('invalid sca.run params: expected { policy, sha256 }');
  const policy = parsePolicy(parsed.data.policy, 'the policy sent by the server');
  if (policy.sha256 !== parsed.data.sha256)
    throw new Error(`refused: the policy's SHA-256 is ${policy.sha256}, the task says ${parsed.data.sha256}`);
  const run = await runPolicy(policy, options.host ?? createLocalHost({ commands: true }));
  if (options.signal.aborted) throw new Error('stopped before the results were sent');
  await send(options, run);
  return summary(run);
}

async function send(options: ScaTaskOptions, run: ScaPolicyRun): Promise<void> {
  let evidenceChars = maxEvidenceChars;
  for (let attempt = 1, delayMs = 1000; ; attempt += 1, delayMs *= 2) {
    try {
      await options.postResults({ taskId: options.taskId, run: capEvidence(run, evidenceChars) });
      return;
    } catch (error) {
      const status = (error as { status?: unknown }).status;
      // Too large for the server's server.bodyLimitBytes: the results matter more than the long evidence.
      if (status === 413 && evidenceChars > shortEvidenceChars) {
        evidenceChars = shortEvidenceChars;
        continue;
      }
      const retry = status === undefined || (typeof status === 'number' && status >= 500);
      if (!retry || attempt >= attempts || options.signal.aborted)
        throw new Error(`the results could not be sent: ${(error as Error).message}`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

function capEvidence(run: ScaPolicyRun, max: number): ScaPolicyRun {
  const cut = (text: string) => (text.length <= max ? text : `${text.slice(0, max - 14)} [cut short]`);
  const capRules = (rules: ScaPolicyRun['requirements']) =>
    rules.map((rule) => ({ ...rule, evidence: cut(rule.evidence) }));
  return {
    ...run,
    requirements: capRules(run.requirements),
    results: run.results.map((result) => ({
      ...result,
      reason: result.reason === undefined ? undefined : cut(result.reason),
      rules: capRules(result.rules),
    })),
  };
}

function summary(run: ScaPolicyRun): string {
  const score = run.score === null ? 'no applicable checks' : `score ${run.score}%`;
  const why = run.applicable ? '' : ' (requirements not met: the policy does not apply here)';
  return `${run.policyId}: ${score}${why}; ${run.counts.passed} passed, ${run.counts.failed} failed, ${run.counts.not_applicable} not applicable in ${(run.durationMs / 1000).toFixed(1)} s`;
}
