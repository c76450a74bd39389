/*
 * One extra thread of a large TCP scan (see scan-tcp-ports.ts). Functions cannot cross to a
 * worker, so the scope comes as data: the addresses the main thread checked against the scan's
 * own predicate, and this thread asks again before every connection.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PortResult } from '../../protocol/netscan.ts';
import { canonicalAddress } from './canonical-address.ts';
import { connectTcp } from './connect-tcp.ts';
import { NetScanError } from './net-scan-error.ts';
import { TcpScan, type TcpScanSettings } from './tcp-scan.ts';

export interface ScanWorkerData {
  settings: TcpScanSettings;
  counters: Int32Array;
}

export type ScanWorkerMessage =
  { results: PortResult[][] } | { error: { code: string | undefined; message: string } };

const { settings, counters } = workerData as ScanWorkerData;
const scope = new Set(settings.addresses);
const port = parentPort;

if (port)
  new TcpScan(settings, {
    inScope: (address) => scope.has(canonicalAddress(address) ?? ''),
    connect: connectTcp,
    counters,
  })
    .run()
    .then(
      (results) => port.postMessage({ results } satisfies ScanWorkerMessage),
      (error: unknown) =>
        port.postMessage({
          error: {
            code: error instanceof NetScanError ? error.code : undefined,
            message: error instanceof Error ? error.message : String(error),
          },
        } satisfies ScanWorkerMessage),
    );
