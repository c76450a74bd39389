import { useCallback, useMemo, useState } from 'react';
import type { Agent } from '../../../../src/protocol/agents.ts';
import { listAgents } from '../../api/agents.ts';
import { ApiError } from '../../api/ApiError.ts';
import { createPatchPlan } from '../../api/patchPlans.ts';
import { href, navigate, redirect, useHashQuery } from '../../app/router.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Form } from '../../components/Form.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Panel } from '../../components/Panel.tsx';
import { TableHead } from '../../components/TableHead.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useResource } from '../../hooks/useResource.ts';
import { VersionChange } from '../vulnerabilities/FindingsTable.tsx';
import { FixStateCell } from '../vulnerabilities/VulnBadges.tsx';
import { formatDate, plural } from '../vulnerabilities/vulnLabels.ts';
import { findingPath, vulnerabilitiesPath } from '../vulnerabilities/vulnPaths.ts';
import { CheckboxGroup } from './CheckboxGroup.tsx';
import { chosenFindings, newPlanHref, patchesPath, planPath } from './patchPaths.ts';
import { useFindingsById } from './useFindingsById.ts';

/** Hosts to choose from; a role that may not list hosts still plans by findings and groups. */
async function loadAgents(): Promise<Agent[]> {
  try {
    return (await listAgents()).agents.filter((agent) => agent.status !== 'revoked');
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) return [];
    throw error;
  }
}

/** `datetime-local` text (the browser's zone) as the ISO time the API takes; '' stays unset. */
function isoTime(local: string): string | undefined {
  if (local === '') return undefined;
  const time = new Date(local);
  if (Number.isNaN(time.getTime())) throw new Error(`“${local}” is not a date and time.`);
  return time.toISOString();
}

/**
 * A new draft plan. Findings chosen on the Vulnerabilities page arrive in the address
 * (`#/patches/new?finding=…`); the server works out each host's packages and target versions.
 */
export function CreatePlanPage() {
  const query = useHashQuery();
  const ids = useMemo(() => chosenFindings(query), [query]);
  const chosen = useFindingsById(ids);
  const agents = useResource(loadAgents);
  const [name, setName] = useState(() => `Patch plan ${formatDate(new Date().toISOString())}`);
  const [hosts, setHosts] = useState<ReadonlySet<string>>(() => new Set());
  const [groups, setGroups] = useState<ReadonlySet<string>>(() => new Set());
  const [canary, setCanary] = useState<ReadonlySet<string>>(() => new Set());
  const [threshold, setThreshold] = useState('1');
  const [windowStart, setWindowStart] = useState('');
  const [windowEnd, setWindowEnd] = useState('');

  const agentList = useMemo(() => agents.data ?? [], [agents.data]);
  const hostnames = useMemo(() => {
    const names = new Map(agentList.map((agent) => [agent.id, agent.hostname]));
    for (const finding of chosen.findings)
      if (!names.has(finding.agentId)) names.set(finding.agentId, finding.hostname ?? finding.agentId);
    return names;
  }, [agentList, chosen.findings]);

  /** The hosts the plan will touch as far as the console can tell: canary hosts are picked among them. */
  const candidates = useMemo(() => {
    const ids = new Set([...chosen.findings.map((finding) => finding.agentId), ...hosts]);
    for (const agent of agentList) if (groups.has(agent.group)) ids.add(agent.id);
    const all = ids.size === 0 ? agentList.map((agent) => agent.id) : [...ids];
    return all
      .map((id) => ({ value: id, label: hostnames.get(id) ?? id }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }, [chosen.findings, hosts, groups, agentList, hostnames]);

  const remove = useCallback(
    (id: string) => redirect(newPlanHref(ids.filter((other) => other !== id))),
    [ids],
  );

  async function submit() {
    const failureThreshold = Number(threshold);
    if (!Number.isInteger(failureThreshold) || failureThreshold < 1)
      throw new Error('The failure threshold must be a whole number of hosts, 1 or more.');
    const start = isoTime(windowStart);
    const end = isoTime(windowEnd);
    if ((start === undefined) !== (end === undefined))
      throw new Error('A maintenance window needs both a start and an end.');
    if (start !== undefined && end !== undefined && end <= start)
      throw new Error('The maintenance window must end after it starts.');
    const findingIds = ids.filter((id) => !chosen.missing.includes(id));
    const candidateIds = new Set(candidates.map((candidate) => candidate.value));
    const plan = await createPatchPlan({
      name: name.trim(),
      ...(findingIds.length > 0 ? { findingIds } : {}),
      ...(hosts.size > 0 ? { agentIds: [...hosts] } : {}),
      ...(groups.size > 0 ? { groups: [...groups] } : {}),
      canary: [...canary].filter((id) => candidateIds.has(id)),
      failureThreshold,
      ...(start !== undefined && end !== undefined ? { window: { start, end } } : {}),
    });
    navigate(planPath(plan.id));
  }

  const groupNames = [...new Set(agentList.map((agent) => agent.group))].sort();

  return (
    <div className="page">
      <nav className="back-link" aria-label="Breadcrumb">
        <a href={href(patchesPath)}>Patches</a>
        <span aria-hidden="true"> / </span>
        <span className="muted">New plan</span>
      </nav>
      <Panel title={ids.length === 0 ? 'Findings' : `Findings to resolve (${ids.length})`} flush>
        <ErrorAlert error={chosen.error} />
        {ids.length === 0 ? (
          <p className="section-empty section-empty-top">
            No findings chosen: the plan covers every open finding with a fix on the hosts and groups below.
            To pick findings, choose them on the <a href={href(vulnerabilitiesPath)}>Vulnerabilities</a> page.
          </p>
        ) : chosen.loading ? (
          <Loading />
        ) : (
          <>
            {chosen.missing.length > 0 && (
              <p className="panel-toolbar muted">
                {plural(
                  chosen.missing.length,
                  'chosen finding no longer exists',
                  'chosen findings no longer exist',
                )}{' '}
                and {chosen.missing.length === 1 ? 'is' : 'are'} left out.
              </p>
            )}
            <div className="table-scroll plan-findings">
              <table className="table table-dense" data-testid="plan-findings">
                <TableHead columns={['Vulnerability', 'Host', 'Package', 'Fix']} actions />
                <tbody>
                  {chosen.findings.map((finding) => (
                    <tr key={finding.id} data-testid="plan-finding-row">
                      <td>
                        <a className="cell-link mono" href={href(findingPath(finding.id))}>
                          {finding.vulnerability.id}
                        </a>
                      </td>
                      <td>{finding.hostname ?? finding.agentId}</td>
                      <td>
                        <span className="mono package-name">{finding.package.name}</span>
                        <VersionChange finding={finding} />
                      </td>
                      <td>
                        <FixStateCell finding={finding} />
                      </td>
                      <td className="row-actions">
                        <button
                          type="button"
                          className="btn btn-sm"
                          aria-label={`Leave out ${finding.vulnerability.id} on ${finding.hostname ?? finding.agentId}`}
                          onClick={() => remove(finding.id)}
                        >
                          Leave out
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Panel>
      <Panel title="New patch plan">
        <ErrorAlert error={agents.error} />
        <Form onSubmit={submit} submitLabel="Create draft plan">
          <TextField id="plan-name" label="Name" required maxLength={200} value={name} onChange={setName} />
          <CheckboxGroup
            legend="Hosts"
            hint={
              ids.length > 0
                ? 'Leave empty to patch the hosts the chosen findings are on; each chosen finding must be on a ticked host or group.'
                : 'The hosts to patch; with none ticked, choose groups.'
            }
            options={agentList.map((agent) => ({
              value: agent.id,
              label: agent.hostname,
              note: agent.group,
            }))}
            chosen={hosts}
            onChange={setHosts}
            empty="No host to choose from."
          />
          <CheckboxGroup
            legend="Host groups"
            options={groupNames.map((group) => ({ value: group, label: group }))}
            chosen={groups}
            onChange={setGroups}
            empty="No host group to choose from."
          />
          <CheckboxGroup
            legend="Canary hosts"
            hint="Patched and verified first; the other hosts wait until they succeed."
            options={candidates}
            chosen={canary}
            onChange={setCanary}
            empty="Choose findings, hosts or groups first."
          />
          <div className="form-grid">
            <TextField
              id="plan-threshold"
              label="Failure threshold"
              hint="The rollout stops once this many hosts have failed."
              type="number"
              inputMode="numeric"
              min={1}
              step={1}
              required
              value={threshold}
              onChange={setThreshold}
            />
            <TextField
              id="plan-window-start"
              label="Maintenance window start"
              hint="Optional: the rollout runs only inside the window."
              type="datetime-local"
              value={windowStart}
              onChange={setWindowStart}
            />
            <TextField
              id="plan-window-end"
              label="Maintenance window end"
              type="datetime-local"
              value={windowEnd}
              onChange={setWindowEnd}
            />
          </div>
        </Form>
      </Panel>
    </div>
  );
}
