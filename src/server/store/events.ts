// What happened in a tenant's world, announced by the domain as it happens (typed events). Webhooks and
// anything else that reacts subscribe here; the domain never imports its subscribers.

import type { JobStatusName } from '../../mx/jobs.js';
import type { ConnectionStatus } from '../../mx/statuses.js';
import type { Job } from '../engine/lifecycle.js';
import type { MicrodepositRecord } from '../engine/microdeposits.js';
import type { DataCounts } from '../generators/data-counts.js';
import type { MemberRecord } from './members.js';

export type TenantEvent =
  /** The member's connection status was set: it changed, or a job ended in it (a second DENIED). */
  | { kind: 'status_changed'; member: MemberRecord; status: ConnectionStatus; at: number }
  /** A job finished successfully and gathered its data into the member. */
  /** `first`: the member's first successful job (it held no data before). */
  | { kind: 'job_succeeded'; member: MemberRecord; job: Job; at: number; counts: DataCounts; first: boolean }
  /**
   * A client created, updated or deleted the member (an API request; `callback_payload` is that request's
   * X-CALLBACK-PAYLOAD). A deleted member is announced as it was just before it went.
   */
  /**
   * A job reached a state MX's job status webhook reports: CHALLENGED (it waits for answers), or its end
   * (COMPLETED, DENIED, PREVENTED, HALTED). `ended_in` is the connection status a failed job left.
   */
  | {
      kind: 'job_status';
      member: MemberRecord;
      job: Job;
      status: JobStatusName;
      at: number;
      ended_in?: ConnectionStatus;
    }
  /** A job started (a request, or background aggregation when it fell due). */
  | { kind: 'job_started'; member: MemberRecord; job: Job; at: number }
  /** Answers to the member's challenges arrived (never their values): RESUMED. */
  | { kind: 'challenge_answered'; member: MemberRecord; answers: number; at: number }
  | TimeReached
  /** A microdeposit was created, or its status changed (by a step or a verify). */
  | { kind: 'microdeposit_changed'; action: 'created' | 'updated'; microdeposit: MicrodepositRecord; at: number }
  | {
      kind: 'member_changed';
      action: MemberAction;
      member: MemberRecord;
      at: number;
      callback_payload?: string | undefined;
    };

/** The world's steps were applied up to `at` (its clock's now): what waits on time may go on. */
export type TimeReached = { kind: 'time_reached'; at: number };

export type MemberAction = 'created' | 'updated' | 'deleted';

export type TenantEventListener = (event: TenantEvent) => void;

export class TenantEvents {
  readonly #listeners: TenantEventListener[] = [];

  /** Calls `listener` with every later event, in order; returns how to stop. */
  subscribe(listener: TenantEventListener): () => void {
    this.#listeners.push(listener);
    return () => {
      const at = this.#listeners.indexOf(listener);
      if (at >= 0) this.#listeners.splice(at, 1);
    };
  }

  emit(event: TenantEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}
