// Each user's monthly cash-flow profile settings: what the user changed (PUT); the rest is derived from
// the user's transactions when read (domain/cash-flow.ts).
export interface CashFlowSettings {
  user_guid: string;
  goals_contribution: number;
  uses_estimated_goals_contribution: boolean;
}

export class CashFlowStore {
  readonly #byUser = new Map<string, CashFlowSettings>();

  get(userGuid: string): CashFlowSettings | undefined {
    return this.#byUser.get(userGuid);
  }

  set(settings: CashFlowSettings): void {
    this.#byUser.set(settings.user_guid, settings);
  }

  all(): CashFlowSettings[] {
    return [...this.#byUser.values()];
  }

  get size(): number {
    return this.#byUser.size;
  }

  deleteForUser(userGuid: string): void {
    this.#byUser.delete(userGuid);
  }
}
