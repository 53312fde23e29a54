// The inspector page's own script: what htmx's attributes cannot say. Every action still goes through the
// admin or MX API a script would use; this only builds their JSON bodies and shows their answers.
const VERSION = { 'Accept-Version': 'v20250224', Accept: 'application/json' };

/** Shows an action's answer (text only, never as HTML) and refreshes the views. */
function show(status, text) {
  const out = document.getElementById('result');
  out.className = status >= 400 ? 'bad' : '';
  let body = text;
  try {
    body = JSON.stringify(JSON.parse(text), null, 2);
  } catch {}
  out.textContent = `${status}\n${body}`;
  document.body.dispatchEvent(new Event('mx-changed'));
}

async function send(method, url, body, headers = {}) {
  const init = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    if (typeof body !== 'string') init.headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(url, init);
  show(res.status, await res.text());
  return res;
}

const actions = {
  clock: (el) => send('POST', '/_mx-sim/clock', { advance_ms: Number(el.dataset.ms) }),
  clockTo: () => send('POST', '/_mx-sim/clock', { to: document.getElementById('clock-to').value.trim() }),
  reset: () => send('POST', '/_mx-sim/reset'),
  loadBuiltin: async () => {
    const name = document.getElementById('builtin').value;
    const text = await (await fetch(`/_mx-sim/ui/builtins/${encodeURIComponent(name)}`)).text();
    return send('POST', `/_mx-sim/scenarios?source=${encodeURIComponent(name)}`, text);
  },
  loadPasted: () =>
    send('POST', '/_mx-sim/scenarios?source=pasted', document.getElementById('scenario-text').value, {
      'Content-Type': 'application/yaml',
    }),
  job: (el) => send('POST', `${el.dataset.member}/${el.dataset.job}`, undefined, VERSION),
  answer: (el) => {
    const form = el.closest('form');
    const challenges = [...form.querySelectorAll('[data-challenge]')].map((i) => ({
      guid: i.dataset.challenge,
      value: i.value,
    }));
    return send('PUT', `${el.dataset.member}/resume`, { member: { challenges } }, VERSION);
  },
  oauth: (el) =>
    send('POST', el.dataset.uri, `action=${el.dataset.consent}`, {
      'Content-Type': 'application/x-www-form-urlencoded',
    }),
  resend: (el) => send('POST', `/_mx-sim/webhooks/${encodeURIComponent(el.dataset.guid)}/resend`),
  copy: (el) => navigator.clipboard?.writeText(el.dataset.copy ?? el.textContent),
  // A widget URL for the user, as an app asks for one, opened in a new tab (docs/connect-widget.md).
  widget: async (el) => {
    const res = await fetch(`/users/${encodeURIComponent(el.dataset.user)}/widget_urls`, {
      method: 'POST',
      headers: { ...VERSION, 'Content-Type': 'application/json' },
      body: JSON.stringify({ widget_url: { widget_type: 'connect_widget' } }),
    });
    const text = await res.text();
    show(res.status, text);
    if (res.ok) window.open(JSON.parse(text).widget_url.url, '_blank', 'noopener');
  },
};

document.addEventListener('click', (e) => {
  const el = e.target.closest('[data-action]');
  if (!el) return;
  e.preventDefault();
  actions[el.dataset.action]?.(el);
});

// The views are fetched again every second. An answer that is the same as the last one is not swapped in,
// so nothing flickers; a changed one keeps what the person was doing: open <details>, what they typed into a
// challenge's field, and the focus.
const lastHtml = new WeakMap();
let kept = null;
document.body.addEventListener('htmx:beforeSwap', (e) => {
  const target = e.detail.target;
  if (lastHtml.get(target) === e.detail.serverResponse) {
    e.detail.shouldSwap = false;
    return;
  }
  lastHtml.set(target, e.detail.serverResponse);
  const active = document.activeElement;
  kept = {
    open: new Set([...target.querySelectorAll('details[open][data-key]')].map((d) => d.dataset.key)),
    values: new Map([...target.querySelectorAll('[data-challenge]')].map((i) => [i.dataset.challenge, i.value])),
    focus: target.contains(active) && active?.dataset?.challenge ? active.dataset.challenge : null,
  };
});
document.body.addEventListener('htmx:afterSwap', (e) => {
  if (!kept) return;
  const target = e.detail.target;
  for (const d of target.querySelectorAll('details[data-key]')) if (kept.open.has(d.dataset.key)) d.open = true;
  for (const i of target.querySelectorAll('[data-challenge]')) {
    const v = kept.values.get(i.dataset.challenge);
    if (v !== undefined) i.value = v;
    if (kept.focus === i.dataset.challenge) i.focus();
  }
  kept = null;
});
