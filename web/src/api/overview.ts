import type { Overview } from '../../../src/protocol/overview.ts';
import { request } from './client.ts';

export const fetchOverview = () => request<Overview>('GET', '/api/overview');
