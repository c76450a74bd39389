import { permissions, rolePermissions, roles } from '../../../../../src/protocol/role-table.ts';
import { Icon } from '../../../components/Icon.tsx';
import { permissionLabels } from '../permissionLabels.ts';

export function RolePermissionsTable() {
  return (
    <div className="table-scroll">
      <table className="table table-matrix">
        <thead>
          <tr>
            <th scope="col">Permission</th>
            {roles.map((role) => (
              <th key={role} scope="col" className="capitalize center">
                {role}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {permissions.map((permission) => (
            <tr key={permission}>
              <th scope="row">
                <code>{permission}</code>
                <span className="muted"> {permissionLabels[permission]}</span>
              </th>
              {roles.map((role) => (
                <td key={role} className="center">
                  {rolePermissions[role].includes(permission) ? (
                    <span className="granted">
                      <Icon name="check" size={16} />
                      <span className="visually-hidden">Granted</span>
                    </span>
                  ) : (
                    <span className="muted">
                      <span aria-hidden="true">–</span>
                      <span className="visually-hidden">Not granted</span>
                    </span>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
