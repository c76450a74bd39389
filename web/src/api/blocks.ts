import type {
  Block,
  BlockList,
  blockStatuses,
  CreateBlockRequest,
  ResponsePolicies,
} from '../../../src/protocol/blocks.ts';
import { request } from './client.ts';

export type BlockStatusFilter = (typeof blockStatuses)[number];

export function listBlocks(status: BlockStatusFilter, address: string): Promise<BlockList> {
  const query = new URLSearchParams({ status, limit: '1000' });
  if (address !== '') query.set('address', address);
  return request<BlockList>('GET', `/api/blocks?${query.toString()}`);
}

export const createBlock = (body: CreateBlockRequest) => request<Block>('POST', '/api/blocks', body);
export const liftBlock = (id: string, reason: string) =>
  request<Block>('DELETE', `/api/blocks/${encodeURIComponent(id)}`, { reason });
export const responsePolicies = () => request<ResponsePolicies>('GET', '/api/response/policies');
