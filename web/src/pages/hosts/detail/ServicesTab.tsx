import { useMemo } from 'react';
import type { EnabledService } from '../../../../../src/protocol/inventory.ts';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { TableHead } from '../../../components/TableHead.tsx';

const columns = ['Name', 'Manager', 'Wanted by', 'Enabled by'];

export interface ServiceRow {
  manager: EnabledService['manager'];
  name: string;
  wantedBy: string[];
  static: boolean;
}

/** One row per service: a SysV script is linked from several rc directories, a unit may be wanted by several targets. */
export function groupServices(services: readonly EnabledService[]): ServiceRow[] {
  const rows = new Map<string, ServiceRow>();
  for (const service of services) {
    const key = `${service.manager}:${service.name}`;
    const row = rows.get(key);
    if (row === undefined) {
      rows.set(key, { ...service, wantedBy: [service.wantedBy] });
    } else {
      if (!row.wantedBy.includes(service.wantedBy)) row.wantedBy.push(service.wantedBy);
      // An administrator's link under /etc counts even when the vendor enables it too.
      row.static &&= service.static;
    }
  }
  return [...rows.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.manager.localeCompare(b.manager),
  );
}

export function ServicesTab({ services }: { services: readonly EnabledService[] }) {
  const rows = useMemo(() => groupServices(services), [services]);
  if (rows.length === 0) {
    return (
      <EmptyState icon="hosts" title="No enabled services">
        The agent found no systemd units or init scripts enabled to start at boot.
      </EmptyState>
    );
  }
  return (
    <div className="table-scroll">
      <table className="table table-dense">
        <TableHead columns={columns} />
        <tbody>
          {rows.map((service) => (
            <tr key={`${service.manager}:${service.name}`} data-testid="service-row">
              <td className="mono strong">{service.name}</td>
              <td>{service.manager}</td>
              <td>
                <ul className="chips">
                  {service.wantedBy.map((target) => (
                    <li key={target} className="chip">
                      {target}
                    </li>
                  ))}
                </ul>
              </td>
              <td>{service.static ? <span className="muted">Vendor</span> : 'Administrator'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
