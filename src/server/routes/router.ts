// The version apps' router. Their routes name a path parameter differently at the same place
// (`/institutions/{institution_code}` and `/institutions/{institution_identifier}/credentials`, as MX's
// documents name them), which Hono's RegExpRouter refuses, so Hono falls back to its TrieRouter, whose
// search walks the tree on every request. A route table is fixed once built, so what it matches for a
// method and path never changes: MemoRouter keeps the last answers (bounded) and asks the trie only for
// paths it has not seen. Adding a route forgets every answer.
import type { Result, Router } from 'hono/router';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import { SmartRouter } from 'hono/router/smart-router';
import { TrieRouter } from 'hono/router/trie-router';

/**
 * Paths remembered per router; past this the memo starts over (paths carry guids, so they are many).
 * An answer weighs a few KB: 200 keep the hot paths of a busy CI run (a flow polls a handful) and hold
 * the soak's heap goal (`npm run soak`: 10,000 paths kept about 20 MB after every world was reset).
 */
export const MEMO_PATHS = 200;

export class MemoRouter<T> implements Router<T> {
  readonly name: string;
  readonly #inner: Router<T>;
  readonly #memo = new Map<string, Result<T>>();

  constructor(inner: Router<T> = new SmartRouter<T>({ routers: [new RegExpRouter<T>(), new TrieRouter<T>()] })) {
    this.#inner = inner;
    this.name = `MemoRouter(${inner.name})`;
  }

  add(method: string, path: string, handler: T): void {
    this.#memo.clear();
    this.#inner.add(method, path, handler);
  }

  match(method: string, path: string): Result<T> {
    const key = `${method} ${path}`;
    let result = this.#memo.get(key);
    if (result === undefined) {
      result = this.#inner.match(method, path);
      if (this.#memo.size >= MEMO_PATHS) this.#memo.clear();
      this.#memo.set(key, result);
    }
    return result;
  }
}
