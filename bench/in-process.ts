// For benchmarks that drive a simulator in process (`app.request`, no sockets): one client's JSON calls
// to the v20250224 API, failing loudly on any answer that is not a success.
import type { createSimulator } from '../src/server/app.js';

export type Call = (method: string, path: string, body?: unknown) => Promise<any>;

export function inProcessClient(app: ReturnType<typeof createSimulator>['app'], clientId = 'bench'): Call {
  const headers = {
    authorization: `Basic ${Buffer.from(`${clientId}:key`).toString('base64')}`,
    'accept-version': 'v20250224',
    accept: 'application/json',
    'content-type': 'application/json',
  };
  return async (method, path, body) => {
    const res = await app.request(path, { method, headers, body: body ? JSON.stringify(body) : undefined });
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status}: ${await res.text()}`);
    return res.json() as Promise<any>;
  };
}
