import { detailPath } from '../../app/router.ts';

export const alertsPath = '/alerts';
export const alertPath = (id: string) => detailPath(alertsPath, id);
