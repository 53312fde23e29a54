// Where webhooks may go. Any http(s) URL by default; a shared simulator narrows that with an allow list
// of host names, addresses and CIDRs (`--webhook-allow`). And the one place URLs lose their userinfo
// before anything shows them.
import { BlockList, isIP } from 'node:net';

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** An allow list of webhook targets: names compare as written (not resolved), addresses by CIDR. */
export class WebhookAllowList {
  readonly #names = new Set<string>();
  readonly #addresses = new BlockList();
  /** The entries as given, for messages. */
  readonly entries: readonly string[];

  /** `entries`: host names, IP addresses or CIDRs, each also a comma-separated list. Throws on a bad one. */
  constructor(entries: readonly string[]) {
    const all = entries
      .flatMap((e) => e.split(','))
      .map((e) => e.trim())
      .filter(Boolean);
    for (const entry of all) this.#add(entry);
    this.entries = all;
  }

  #add(entry: string): void {
    const [address = '', prefix, extra] = entry.replace(/^\[([^\]]*)\]/, '$1').split('/');
    const family = isIP(address);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    const bits = Number(prefix);
    const name = entry.replace(/\.$/, '');
    if (family && prefix === undefined) {
      this.#addresses.addAddress(address, type);
    } else if (family && extra === undefined && /^\d{1,3}$/.test(prefix ?? '') && bits <= (family === 4 ? 32 : 128)) {
      this.#addresses.addSubnet(address, bits, type);
    } else if (!family && prefix === undefined && HOST_NAME.test(name)) {
      this.#names.add(name.toLowerCase());
    } else {
      throw new Error(
        `--webhook-allow: '${entry}' is not a host name, an IP address or a CIDR (e.g. hooks.example.com, 10.0.0.0/8, ::1)`,
      );
    }
  }

  /** Whether the URL's host is on the list (the port is not checked). */
  allows(url: string): boolean {
    const host = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
    const family = isIP(host);
    if (family) return this.#addresses.check(host, family === 4 ? 'ipv4' : 'ipv6');
    return this.#names.has(host.replace(/\.$/, '').toLowerCase());
  }
}

/** The URL without its user name and password. */
export function withoutUserinfo(url: string): string {
  const u = new URL(url);
  u.username = '';
  u.password = '';
  return u.toString();
}

/** Any text (an error message) with the userinfo of the URLs in it removed. */
export function redactUserinfo(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#]*@/gi, '$1');
}
