import type { CreatePatchPlanRequest, PatchPlan, PatchPlanList } from '../../../src/protocol/patch-api.ts';
import { request } from './client.ts';

const base = '/api/patch-plans';
const planPath = (id: string) => `${base}/${encodeURIComponent(id)}`;

/** What the console sends: the server fills in the canary list and failure threshold when left out. */
export type NewPatchPlan = Omit<CreatePatchPlanRequest, 'canary' | 'failureThreshold'> &
  Partial<Pick<CreatePatchPlanRequest, 'canary' | 'failureThreshold'>>;

export const listPatchPlans = () => request<PatchPlanList>('GET', base);
export const getPatchPlan = (id: string) => request<PatchPlan>('GET', planPath(id));
export const createPatchPlan = (body: NewPatchPlan) => request<PatchPlan>('POST', base, body);

export type PatchPlanAction = 'simulate' | 'approve' | 'start' | 'cancel';

/** Approval is refused (409) to the plan's author while `patches.separateApproval` is on. */
export const patchPlanAction = (id: string, action: PatchPlanAction) =>
  request<PatchPlan>('POST', `${planPath(id)}/${action}`);
