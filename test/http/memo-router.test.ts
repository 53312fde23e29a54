import { TrieRouter } from 'hono/router/trie-router';
import { describe, expect, it } from 'vitest';
import { MEMO_PATHS, MemoRouter } from '../../src/server/routes/router.js';

describe('MemoRouter', () => {
  it('answers what its router answers, for paths seen before and new ones', () => {
    const inner = new TrieRouter<string>();
    const memo = new MemoRouter<string>(new TrieRouter<string>());
    for (const r of [inner, memo]) {
      r.add('GET', '/institutions/:institution_code', 'read');
      r.add('GET', '/institutions/:institution_identifier/credentials', 'credentials');
      r.add('ALL', '*', 'all');
    }
    for (const path of ['/institutions/mxbank', '/institutions/mxbank/credentials', '/nope', '/institutions/mxbank']) {
      expect(memo.match('GET', path)).toEqual(inner.match('GET', path));
    }
  });

  it('forgets every answer when a route is added, and stays bounded', () => {
    const memo = new MemoRouter<string>(new TrieRouter<string>());
    memo.add('GET', '/a/:x', 'a');
    expect(memo.match('GET', '/a/1')[0].map(([h]) => h)).toEqual(['a']);
    memo.add('GET', '/a/:x', 'a2');
    expect(memo.match('GET', '/a/1')[0].map(([h]) => h)).toEqual(['a', 'a2']);
    for (let i = 0; i < MEMO_PATHS + 10; i++) expect(memo.match('GET', `/a/${i}`)[0]).toHaveLength(2);
  });
});
