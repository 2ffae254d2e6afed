// API latency under concurrent load, with autocannon (run as its own process so the load tool's CPU is never
// mistaken for the server's). autocannon records latencies in whole milliseconds.
import path from 'node:path';
import { run } from './measure.ts';

const AUTOCANNON = path.resolve(import.meta.dirname, '..', 'node_modules', 'autocannon', 'autocannon.js');

export interface LoadResult {
  url: string;
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
}

interface AutocannonJson {
  requests: { total: number; average: number };
  latency: { p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

export async function loadEndpoint(
  url: string,
  token: string,
  options: { connections: number; seconds: number },
): Promise<LoadResult> {
  const args = [
    AUTOCANNON,
    '--json',
    '--no-progress',
    '--connections',
    String(options.connections),
    '--duration',
    String(options.seconds),
    '--headers',
    `Authorization=Bearer ${token}`,
    url,
  ];
  const { code, stdout, stderr } = await run(process.execPath, args);
  if (code !== 0) throw new Error(`autocannon failed (exit ${code}): ${stderr}`);
  const json = JSON.parse(stdout) as AutocannonJson;
  return {
    url,
    connections: options.connections,
    seconds: options.seconds,
    requests: json.requests.total,
    requestsPerSecond: json.requests.average,
    p50Ms: json.latency.p50,
    p90Ms: json.latency.p90,
    p99Ms: json.latency.p99,
    maxMs: json.latency.max,
    non2xx: json.non2xx,
    errors: json.errors + json.timeouts,
  };
}
