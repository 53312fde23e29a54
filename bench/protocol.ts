// Messages between bench/institutions.bench.ts and bench/server.ts over the child's IPC channel.

export type ParentMessage = { cmd: 'cpu' } | { cmd: 'stop' };

export type ChildMessage = { cmd: 'cpu'; usage: NodeJS.CpuUsage };
