// Where webhooks may go (src/server/webhooks/targets.ts): the --webhook-allow list of host names,
// addresses and CIDRs, and the removal of URL userinfo from anything shown.
import { describe, expect, it } from 'vitest';
import { redactUserinfo, WebhookAllowList, withoutUserinfo } from '../../src/server/webhooks/targets.js';

describe('WebhookAllowList', () => {
  const list = new WebhookAllowList(['hooks.example.com, 10.0.0.0/8', '192.168.1.7', '[fd00::]/8', '::1']);

  it('allows listed names (any case, a trailing dot, any port) and nothing else by name', () => {
    expect(list.allows('https://hooks.example.com/mx')).toBe(true);
    expect(list.allows('http://HOOKS.Example.COM.:8443/mx')).toBe(true);
    expect(list.allows('https://evil.hooks.example.com/mx')).toBe(false);
    expect(list.allows('https://hooks.example.com.evil.net/mx')).toBe(false);
    expect(list.allows('http://localhost/mx')).toBe(false);
  });

  it('allows addresses inside a listed CIDR or equal to a listed address, however the URL spells them', () => {
    expect(list.allows('http://10.200.3.4:9000/h')).toBe(true);
    expect(list.allows('http://0x0a000001/h')).toBe(true); // 10.0.0.1
    expect(list.allows('http://192.168.1.7/h')).toBe(true);
    expect(list.allows('http://192.168.1.8/h')).toBe(false);
    expect(list.allows('http://127.0.0.1/h')).toBe(false);
    expect(list.allows('http://2130706433/h')).toBe(false); // 127.0.0.1
    expect(list.allows('http://[fd12::1]/h')).toBe(true);
    expect(list.allows('http://[::1]:9/h')).toBe(true);
    expect(list.allows('http://[::ffff:10.0.0.1]/h')).toBe(true);
    expect(list.allows('http://[fe80::1]/h')).toBe(false);
  });

  it('keeps the entries as given, one per item of a comma-separated list', () => {
    expect(list.entries).toEqual(['hooks.example.com', '10.0.0.0/8', '192.168.1.7', '[fd00::]/8', '::1']);
  });

  it('refuses an entry that is not a host name, an address or a CIDR, saying what it takes', () => {
    for (const bad of ['bad host', '10.0.0.0/33', '10.0.0.0/8/1', 'fd00::/129', 'http://x', 'a_b.example', 'x/8']) {
      expect(() => new WebhookAllowList([bad])).toThrow(
        `--webhook-allow: '${bad}' is not a host name, an IP address or a CIDR (e.g. hooks.example.com, 10.0.0.0/8, ::1)`,
      );
    }
  });
});

describe('userinfo', () => {
  it('is removed from a URL', () => {
    expect(withoutUserinfo('http://u:p@h:9/x?y=1')).toBe('http://h:9/x?y=1');
  });

  it('is removed from any URL quoted in a text, even with an @ in the password', () => {
    expect(redactUserinfo('to http://u:p@h/x and https://a:b@c@d:1/ ok; mail me@x.y')).toBe(
      'to http://h/x and https://d:1/ ok; mail me@x.y',
    );
  });
});
