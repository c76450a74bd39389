import { useHashPath } from '../../app/router.ts';
import { CreatePlanPage } from './CreatePlanPage.tsx';
import { patchRoute } from './patchPaths.ts';
import { PlanDetailPage } from './PlanDetailPage.tsx';
import { PlanListPage } from './PlanListPage.tsx';

/** `#/patches`: the plans; `#/patches/new`: a new plan; `#/patches/<id>`: one plan and its rollout. */
export function PatchesPage() {
  const route = patchRoute(useHashPath());
  switch (route.page) {
    case 'list':
      return <PlanListPage />;
    case 'new':
      return <CreatePlanPage />;
    case 'plan':
      return <PlanDetailPage key={route.id} id={route.id} />;
  }
}
