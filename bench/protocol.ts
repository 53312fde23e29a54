// Messages between a benchmark (bench/http.bench.ts, bench/soak.ts) and bench/server.ts over the
// child's IPC channel.

/** `memory`: the server's memory, after a forced full GC when `gc` (the child must run with --expose-gc). */
export type ParentMessage = { cmd: 'cpu' } | { cmd: 'stop' } | { cmd: 'memory'; gc: boolean };

export interface MemoryReport {
  rss: number;
  heapUsed: number;
  /** Client_ids whose world the simulator keeps (sim only). */
  tenants: number;
}

export type ChildMessage = { cmd: 'cpu'; usage: NodeJS.CpuUsage } | ({ cmd: 'memory' } & MemoryReport);
