// Each member's timeline, for the inspector page: what happened to it and when (simulated time), from the
// world's events. Never a credential or an answer: statuses, jobs, how many answers arrived. Bounded per
// member; a deleted member's timeline goes with it. Not kept in state files.
import type { TenantEvent, TenantEvents } from './events.js';

/** Entries kept per member; past this the oldest go. */
export const TIMELINE_ENTRIES = 200;

export interface TimelineEntry {
  /** Simulated ms. */
  at: number;
  kind: 'member' | 'job' | 'status' | 'challenge';
  text: string;
}

export class Timelines {
  readonly #byMember = new Map<string, TimelineEntry[]>();

  of(memberGuid: string): readonly TimelineEntry[] {
    return this.#byMember.get(memberGuid) ?? [];
  }

  #add(memberGuid: string, entry: TimelineEntry): void {
    let entries = this.#byMember.get(memberGuid);
    if (!entries) {
      entries = [];
      this.#byMember.set(memberGuid, entries);
    }
    entries.push(entry);
    if (entries.length > TIMELINE_ENTRIES) entries.shift();
  }

  /** From now on, the member events of `events` are recorded. */
  record(events: TenantEvents): () => void {
    return events.subscribe((e) => this.#on(e));
  }

  #on(e: TenantEvent): void {
    switch (e.kind) {
      case 'member_changed':
        if (e.action === 'deleted') this.#byMember.delete(e.member.guid);
        else this.#add(e.member.guid, { at: e.at, kind: 'member', text: `member ${e.action}` });
        break;
      case 'job_started':
        this.#add(e.member.guid, {
          at: e.at,
          kind: 'job',
          text: `${e.job.background ? 'background ' : ''}${e.job.type} job started (${e.job.guid})`,
        });
        break;
      case 'status_changed':
        this.#add(e.member.guid, { at: e.at, kind: 'status', text: e.status });
        break;
      case 'challenge_answered':
        this.#add(e.member.guid, { at: e.at, kind: 'challenge', text: `${e.answers} answer(s) sent: RESUMED` });
        break;
      case 'job_status':
        if (e.status === 'CHALLENGED') {
          const asked = e.member.state.challenges.map((c) => `${c.type} "${c.label}"`).join(', ');
          this.#add(e.member.guid, { at: e.at, kind: 'challenge', text: `challenge asked: ${asked}` });
        } else {
          this.#add(e.member.guid, { at: e.at, kind: 'job', text: `${e.job.type} job ${e.status.toLowerCase()}` });
        }
        break;
      default:
        break;
    }
  }
}
