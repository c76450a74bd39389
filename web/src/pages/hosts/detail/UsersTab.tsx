import { useMemo } from 'react';
import type { LocalGroup, LocalUser, SudoRule } from '../../../../../src/protocol/inventory.ts';
import { Badge } from '../../../components/Badge.tsx';
import { ShowAllFooter } from '../../../components/ShowAllFooter.tsx';
import { TableHead } from '../../../components/TableHead.tsx';
import { useCappedList } from '../../../hooks/useCappedList.ts';
import { SectionTitle } from './SectionTitle.tsx';

const userColumns = ['Name', 'UID', 'GID', 'Home', 'Shell', 'Can log in'];
const groupColumns = ['Name', 'GID', 'Members'];
const sudoColumns = ['Who', 'Run as', 'On hosts', 'Commands', 'Password', 'Defined in'];

/** The GECOS field's first part is the full name; the rest (room, phones) is usually empty commas. */
function fullName(user: LocalUser): string | undefined {
  const name = user.gecos.split(',')[0]?.trim() ?? '';
  return name === '' || name.toLowerCase() === user.name.toLowerCase() ? undefined : name;
}

/** Groups with listed members first: they are the ones that grant someone something. */
function byMembers(a: LocalGroup, b: LocalGroup): number {
  return Number(b.members.length > 0) - Number(a.members.length > 0) || a.gid - b.gid;
}

function Empty({ children }: { children: string }) {
  return <p className="section-empty">{children}</p>;
}

interface UsersTabProps {
  users: readonly LocalUser[];
  groups: readonly LocalGroup[];
  sudoRules: readonly SudoRule[];
}

export function UsersTab({ users, groups, sudoRules }: UsersTabProps) {
  const sortedGroups = useMemo(() => [...groups].sort(byMembers), [groups]);
  const shownGroups = useCappedList(sortedGroups, 20);
  return (
    <>
      <section aria-labelledby="local-users-title">
        <SectionTitle id="local-users-title" title="Users" total={users.length} />
        {users.length === 0 ? (
          <Empty>No users reported.</Empty>
        ) : (
          <div className="table-scroll">
            <table className="table table-dense">
              <TableHead columns={userColumns} />
              <tbody>
                {users.map((user) => (
                  <tr key={`${user.name}:${user.uid}`} data-testid="local-user-row">
                    <td>
                      <span className="strong">{user.name}</span>
                      {fullName(user) !== undefined && <span className="cell-sub">{fullName(user)}</span>}
                    </td>
                    <td className="mono">{user.uid}</td>
                    <td className="mono">{user.gid}</td>
                    <td className="mono break">{user.home}</td>
                    <td className="mono break">{user.shell}</td>
                    <td>
                      {user.loginCapable ? (
                        <Badge tone={user.uid === 0 ? 'warning' : 'info'}>Yes</Badge>
                      ) : (
                        <span className="muted">No</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="sudo-rules-title">
        <SectionTitle id="sudo-rules-title" title="Sudo rules" total={sudoRules.length} />
        {sudoRules.length === 0 ? (
          <Empty>No sudo rules grant anyone extra rights.</Empty>
        ) : (
          <div className="table-scroll">
            <table className="table table-dense">
              <TableHead columns={sudoColumns} />
              <tbody>
                {sudoRules.map((rule) => (
                  <tr key={`${rule.file}:${rule.line}:${rule.principal}`} data-testid="sudo-rule-row">
                    <td>
                      <code className="strong">{rule.principal}</code>
                      {rule.alias !== undefined && <span className="cell-sub">via {rule.alias}</span>}
                    </td>
                    <td className="mono">{rule.runAs}</td>
                    <td className="mono">{rule.hosts}</td>
                    <td>
                      <ul className="chips">
                        {rule.commands.map((command, index) => (
                          <li key={index} className="chip">
                            {command}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      {rule.nopasswd ? (
                        <Badge tone="warning">Not asked</Badge>
                      ) : (
                        <span className="muted">Required</span>
                      )}
                    </td>
                    <td className="mono break">
                      {rule.file}:{rule.line}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="local-groups-title">
        <SectionTitle id="local-groups-title" title="Groups" total={groups.length} />
        {groups.length === 0 ? (
          <Empty>No groups reported.</Empty>
        ) : (
          <div className="table-scroll">
            <table className="table table-dense">
              <TableHead columns={groupColumns} />
              <tbody>
                {shownGroups.visible.map((group) => (
                  <tr key={`${group.name}:${group.gid}`} data-testid="local-group-row">
                    <td className="strong">{group.name}</td>
                    <td className="mono">{group.gid}</td>
                    <td>
                      {group.members.length === 0 ? (
                        <span className="muted">—</span>
                      ) : (
                        <ul className="chips">
                          {group.members.map((member) => (
                            <li key={member} className="chip">
                              {member}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <ShowAllFooter
          shown={shownGroups.visible.length}
          hidden={shownGroups.hidden}
          noun="groups"
          onShowAll={shownGroups.showAll}
        />
      </section>
    </>
  );
}
