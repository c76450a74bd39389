import type {
  NetExposureList,
  NetExposureQuery,
  NetFindingList,
  NetFindingQuery,
  NetFindingRecord,
  NetHostView,
  NetScanDetail,
  NetScanGroupList,
  NetScanList,
  NetScanListQuery,
  NetScanSummary,
  StartNetScanRequest,
  UpdateNetFindingRequest,
} from '../../../src/protocol/netscan-api.ts';
import { request } from './client.ts';
import { queryString } from './query.ts';

const base = '/api/network';
const enc = encodeURIComponent;

export const listNetScans = (query: Partial<NetScanListQuery>) =>
  request<NetScanList>('GET', `${base}/scans${queryString(query)}`);
export const getNetScan = (id: string) => request<NetScanDetail>('GET', `${base}/scans/${enc(id)}`);
/** Queues a scan of a group or of ad-hoc targets; targets outside the scope are refused with 400. */
export const startNetScan = (body: StartNetScanRequest) =>
  request<NetScanSummary>('POST', `${base}/scans`, body);
export const listNetScanGroups = () => request<NetScanGroupList>('GET', `${base}/groups`);
export const listExposure = (query: Partial<NetExposureQuery>) =>
  request<NetExposureList>('GET', `${base}/exposure${queryString(query)}`);
export const listNetFindings = (query: Partial<NetFindingQuery>) =>
  request<NetFindingList>('GET', `${base}/findings${queryString(query)}`);
export const getNetFinding = (id: string) => request<NetFindingRecord>('GET', `${base}/findings/${enc(id)}`);
/** Acknowledges, resolves or reopens a finding; needs `network:write`. */
export const updateNetFinding = (id: string, body: UpdateNetFindingRequest) =>
  request<NetFindingRecord>('PATCH', `${base}/findings/${enc(id)}`, body);
export const getNetHost = (address: string) => request<NetHostView>('GET', `${base}/hosts/${enc(address)}`);
