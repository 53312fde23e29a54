// MX's job statuses (the Nexus-era `status` / `status_name` pair of a job), as the job status webhook
// reports them (docs/mx-behaviour.md#webhooks).

import type { ConnectionStatus } from './statuses.js';

/** The states whose reaching sends a job status webhook, with MX's numeric `status`. */
export const JOB_STATUS_IDS = {
  CHALLENGED: 2,
  COMPLETED: 6,
  PREVENTED: 7,
  DENIED: 8,
  HALTED: 9,
} as const;

export type JobStatusName = keyof typeof JOB_STATUS_IDS;

/**
 * The job status a job that ended without success reports: DENIED and PREVENTED keep their name, any
 * other ending (FAILED, EXPIRED, REJECTED, LOCKED, …) is HALTED, the job having stopped short.
 */
export function failedJobStatus(status: ConnectionStatus): JobStatusName {
  return status === 'DENIED' || status === 'PREVENTED' ? status : 'HALTED';
}
