// The simulated Connect widget's script (docs/connect-widget.md): moves between the page's screens, talks to the
// session API with the session's secret, follows the member by polling, and tells the host page what happens
// with MX's events: postMessage to the parent (or opener) in ui_message_version 4 or the older JSON-string form,
// or a `<scheme>://connect/<event>?metadata=…` navigation in a mobile WebView. It never writes HTML: text only.
(() => {
  const state = JSON.parse(document.getElementById('mx-widget-state').textContent);
  const opts = state.options;
  const sessionBase = new URL('../session/', location.href);
  const $ = (id) => document.getElementById(id);
  const POLL_MS = 500;
  /** Statuses a job ends in that ask the user to act (MX's widget shows its error screen). */
  const ERRORS = [
    'DENIED',
    'REJECTED',
    'LOCKED',
    'FAILED',
    'PREVENTED',
    'IMPEDED',
    'DISABLED',
    'EXPIRED',
    'IMPAIRED',
    'DISCONNECTED',
    'DISCONTINUED',
    'CLOSED',
    'DEGRADED',
    'DELAYED',
    'IMPORTED',
  ];
  /** Errors the user fixes with new credentials. */
  const CREDENTIAL_ERRORS = ['DENIED', 'PREVENTED', 'REJECTED', 'EXPIRED', 'IMPAIRED', 'IMPORTED'];
  /** Older (ui_message_version < 4) names where they differ from `mxConnect:<event>`. */
  const OLD_NAMES = { loaded: 'mxConnect:widgetLoaded', memberConnected: 'mxConnect:memberAdded' };

  let step = null;
  let institution = state.institution;
  let member = state.member;
  let microdeposit = state.microdeposit;
  let lastStatus = member ? member.connection_status : null;
  let poller = null;
  let popup = null;

  // ---- events -------------------------------------------------------------------------------------------
  const target = () => (window.parent !== window ? window.parent : window.opener || null);
  function send(type, metadata) {
    const meta = Object.assign({ user_guid: state.user_guid, session_guid: state.session_guid }, metadata || {});
    if (opts.is_mobile_webview) {
      const path = type.replace(/^mx\//, '');
      window.location.href = `${opts.ui_message_webview_url_scheme}://${path}?metadata=${encodeURIComponent(JSON.stringify(meta))}`;
      return;
    }
    const to = target();
    if (!to) return;
    if (opts.ui_message_version >= 4) {
      to.postMessage({ mx: true, type, metadata: meta }, '*');
    } else if (type.startsWith('mx/connect/')) {
      const event = type.slice('mx/connect/'.length);
      const name = OLD_NAMES[event] || `mxConnect:${event}`;
      to.postMessage(JSON.stringify({ type: name, payload: meta, moneyDesktop: true, timeStamp: Date.now() }), '*');
    }
  }
  const emit = (event, metadata) => send(`mx/connect/${event}`, metadata);

  // ---- screens ------------------------------------------------------------------------------------------
  function show(next) {
    for (const s of document.querySelectorAll('section[data-step]')) s.hidden = s.dataset.step !== next;
    const previous = step;
    step = next;
    document.body.dataset.screen = next;
    $('back').hidden = !canGoBack();
    if (previous && previous !== next) emit('stepChange', { previous, current: next });
  }
  const canGoBack = () =>
    !opts.disable_institution_search &&
    (step === 'enterCreds' || step === 'oauth' || step === 'loginError' || (step === 'microdeposits' && !microdeposit));
  function goBack() {
    if (!canGoBack()) return false;
    stopPolling();
    member = null;
    emit('backToSearch', {});
    show('search');
    $('search').focus();
    return true;
  }

  // ---- the session API ----------------------------------------------------------------------------------
  // A read the network dropped (fetch's TypeError: in a WebView, an event's navigation to the app's scheme
  // can cancel a request in flight) is sent again, up to 10 times over about 5 s, before the widget gives up;
  // an answer with an error fails at once, and writes are not sent again (a lost one may have landed).
  const READ_RETRIES = 10;
  async function api(method, path, body, attempt = 0) {
    if (method === 'GET') {
      try {
        return await request(method, path, body);
      } catch (err) {
        if (!(err instanceof TypeError) || attempt >= READ_RETRIES) throw err;
        await new Promise((r) => setTimeout(r, 100 * (attempt + 1)));
        return api(method, path, body, attempt + 1);
      }
    }
    return request(method, path, body);
  }
  async function request(method, path, body) {
    const res = await fetch(new URL(path, sessionBase), {
      method,
      headers: Object.assign({ Accept: 'application/json' }, body ? { 'Content-Type': 'application/json' } : {}, {
        [state.header]: state.secret,
      }),
      body: body ? JSON.stringify(body) : undefined,
      credentials: 'omit',
    });
    const data = res.status === 204 ? null : await res.json().catch(() => null);
    if (!res.ok) throw new Error(data?.error?.message || `HTTP ${res.status}`);
    return data;
  }

  // ---- search -------------------------------------------------------------------------------------------
  let searchTimer = null;
  let searchSeq = 0;
  async function search(query) {
    const seq = ++searchSeq;
    if (query) emit('institutionSearch', { query });
    const { institutions } = await api('GET', `institutions?search=${encodeURIComponent(query)}`);
    if (seq !== searchSeq) return;
    const list = $('results');
    list.replaceChildren();
    for (const inst of institutions) {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = inst.name;
      b.dataset.code = inst.code;
      b.addEventListener('click', () => select(inst));
      li.append(b);
      list.append(li);
    }
    // What the list now shows (tests and assistive tools can wait for it).
    list.dataset.query = query;
    if (!institutions.length && query) {
      const li = document.createElement('li');
      li.textContent = `No institutions match "${query}".`;
      list.append(li);
      // Verification mode: MX's widget offers microdeposits when the search finds nothing.
      if (opts.mode === 'verification' && !microdeposit) {
        const offer = document.createElement('li');
        const b = document.createElement('button');
        b.type = 'button';
        b.id = 'md-offer';
        b.textContent = 'Verify with microdeposits';
        b.addEventListener('click', () => mdView('person'));
        offer.append(b);
        list.append(offer);
      }
    }
  }
  async function select(inst) {
    emit('selectedInstitution', { code: inst.code, guid: inst.guid, name: inst.name, url: inst.url || '' });
    institution = (await api('GET', `institutions/${encodeURIComponent(inst.code)}`)).institution;
    enterCredentials();
  }

  /** A required field the browser does not fill in or remember. */
  function textInput(name, type) {
    const input = document.createElement('input');
    input.name = name;
    input.type = type;
    input.required = true;
    input.autocomplete = 'off';
    return input;
  }

  // ---- credentials and OAuth ----------------------------------------------------------------------------
  function enterCredentials() {
    $('title').textContent = institution.name;
    if (!institution.credentials.length) return showOAuth();
    $('inst-name').textContent = institution.name;
    $('inst-text').textContent = institution.instructional_text || '';
    const fields = $('fields');
    fields.replaceChildren();
    for (const f of institution.credentials) {
      const label = document.createElement('label');
      label.textContent = f.label;
      label.append(textInput(f.guid, f.type === 'PASSWORD' ? 'password' : 'text'));
      fields.append(label);
    }
    show('enterCreds');
    fields.querySelector('input')?.focus();
  }
  $('credentials').addEventListener('submit', async (e) => {
    e.preventDefault();
    const credentials = [...$('fields').querySelectorAll('input')].map((i) => ({ guid: i.name, value: i.value }));
    // Sent when the user submits (MX: enterCredentials the first time for an institution).
    const inst = { code: institution.code, guid: institution.guid };
    if (member && !member.is_oauth) emit('updateCredentials', { member_guid: member.guid, institution: inst });
    else emit('enterCredentials', { institution: inst });
    show('connecting');
    try {
      member =
        member && !member.is_oauth
          ? (await api('PUT', `members/${member.guid}/credentials`, { credentials })).member
          : (await api('POST', 'members', { institution_code: institution.code, credentials })).member;
    } catch (err) {
      emit('createMemberError', { institution_guid: institution.guid, institution_code: institution.code });
      return failed(err.message);
    }
    lastStatus = null;
    follow();
  });
  function showOAuth() {
    $('oauth-name').textContent = institution.name;
    $('oauth-wait').hidden = true;
    show('oauth');
  }
  $('oauth-go').addEventListener('click', async () => {
    try {
      member = member?.is_oauth
        ? (await api('POST', `members/${member.guid}/oauth_window`)).member
        : (await api('POST', 'members', { institution_code: institution.code })).member;
    } catch (err) {
      emit('createMemberError', { institution_guid: institution.guid, institution_code: institution.code });
      return failed(err.message);
    }
    const url = member.oauth_window_uri;
    emit('oauthRequested', { url, member_guid: member.guid });
    // In a WebView the app opens the URL from the event; in a browser, a window the consent page reports to.
    if (!opts.is_mobile_webview) popup = window.open(url, '_blank');
    $('oauth-wait').hidden = false;
    lastStatus = member.connection_status;
    follow();
  });
  window.addEventListener('message', (e) => {
    const data = e.data;
    if (data && typeof data === 'object' && typeof data.type === 'string' && data.type.startsWith('oauthComplete/')) {
      if (e.source !== popup) return;
      if (data.type === 'oauthComplete/error' && member) emit('oauthError', { member_guid: member.guid });
      poll();
      return;
    }
    // The host (MX's SDK): a JSON string, e.g. {type: "mx/navigation", payload: {action: "back"}}.
    let msg = data;
    if (typeof data === 'string') {
      try {
        msg = JSON.parse(data);
      } catch {
        return;
      }
    }
    if (msg?.type === 'mx/navigation' && msg.payload?.action === 'back') {
      send('mx/navigation', { did_go_back: goBack() });
    }
    // The SDK's ping(): the widget answers that it is alive.
    if (msg?.type === 'ping') send('mx/ping', {});
  });

  // ---- following the member -----------------------------------------------------------------------------
  function stopPolling() {
    if (poller) clearTimeout(poller);
    poller = null;
  }
  function follow() {
    stopPolling();
    if (!member.is_oauth || member.connection_status !== 'PENDING') show('connecting');
    $('connecting-text').textContent = member.connection_status_message || 'Connecting…';
    react();
  }
  async function poll() {
    stopPolling();
    if (!member) return;
    try {
      member = (await api('GET', `members/${member.guid}`)).member;
    } catch (err) {
      return failed(err.message);
    }
    react();
  }
  function react() {
    const status = member.connection_status;
    if (status !== lastStatus && status !== null) {
      lastStatus = status;
      emit('memberStatusUpdate', { member_guid: member.guid, connection_status: member.connection_status_id });
    }
    if (member.connection_status_message && step === 'connecting')
      $('connecting-text').textContent = member.connection_status_message;
    if (status === 'CHALLENGED' && member.challenges.length) return showMfa();
    if (status === 'CONNECTED' && !member.is_being_aggregated) return connected();
    if (ERRORS.includes(status) && !member.is_being_aggregated) {
      emit('memberError', { member: { guid: member.guid, connection_status: member.connection_status_id } });
      return failed(member.connection_status_message || status);
    }
    poller = setTimeout(poll, POLL_MS);
  }
  function showMfa() {
    stopPolling();
    const box = $('challenges');
    box.replaceChildren();
    for (const ch of member.challenges) {
      const label = document.createElement('label');
      label.textContent = ch.label;
      if (ch.image_data) {
        const img = document.createElement('img');
        img.src = ch.image_data;
        img.alt = '';
        label.append(img);
      }
      const choices = ch.options.length ? ch.options : ch.image_options;
      let input = textInput(ch.guid, 'text');
      if (choices.length) {
        input = document.createElement('select');
        input.name = ch.guid;
        for (const o of choices) input.append(new Option(o.label, o.value));
      }
      label.append(input);
      box.append(label);
    }
    show('mfa');
    box.querySelector('input, select')?.focus();
  }
  $('mfa').addEventListener('submit', async (e) => {
    e.preventDefault();
    const challenges = [...$('challenges').querySelectorAll('input, select')].map((i) => ({
      guid: i.name,
      value: i.value,
    }));
    emit('submitMFA', { member_guid: member.guid });
    show('connecting');
    try {
      member = (await api('PUT', `members/${member.guid}/resume`, { challenges })).member;
    } catch (err) {
      return failed(err.message);
    }
    follow();
  });
  function connected() {
    stopPolling();
    $('connected-text').textContent = `Connected to ${member.name}`;
    show('connected');
    emit('memberConnected', { member_guid: member.guid });
  }
  function failed(message) {
    stopPolling();
    $('error-text').textContent = message;
    $('remove').hidden = !member;
    show('loginError');
  }
  // The user gives up on a member in error: it is deleted, as DELETE /users/{u}/members/{m} does.
  $('remove').addEventListener('click', async () => {
    const guid = member.guid;
    try {
      await api('DELETE', `members/${guid}`);
    } catch (err) {
      return failed(err.message);
    }
    member = null;
    emit('memberDeleted', { member_guid: guid });
    if (opts.disable_institution_search) return enterCredentials();
    show('search');
  });
  $('retry').addEventListener('click', async () => {
    if (member && CREDENTIAL_ERRORS.includes(member.connection_status) && !member.is_oauth) {
      institution = (await api('GET', `institutions/${encodeURIComponent(member.institution_code)}`)).institution;
      return enterCredentials();
    }
    if (member?.is_oauth) return showOAuth();
    if (institution && !member) return enterCredentials();
    goBack();
  });
  // ---- microdeposits (current_microdeposit_guid, mode verification) -----------------------------------
  /** A microdeposit's error statuses: the verification cannot go on. */
  const MD_ERRORS = ['ERRORED', 'DENIED', 'PREVENTED', 'CONFLICTED', 'REJECTED'];
  let mdVerifiedSent = microdeposit ? microdeposit.status === 'VERIFIED' : false;
  function mdView(name) {
    for (const d of document.querySelectorAll('div[data-md]')) d.hidden = d.dataset.md !== name;
    document.body.dataset.md = name;
    $('title').textContent = 'Verify your account';
    show('microdeposits');
  }
  function mdError(box, message) {
    $(box).textContent = message || '';
    $(box).hidden = !message;
  }
  const mdPath = () => `microdeposits/${encodeURIComponent(microdeposit.guid)}`;
  /** The screen the microdeposit's status asks for; polls while the deposits (or the verification) are on the way. */
  function mdReact() {
    stopPolling();
    const s = microdeposit.status;
    if (s === 'PREINITIATED') return mdView('details');
    if (s === 'VERIFIED') {
      $('md-verified-text').textContent = `Account ending ${microdeposit.account_number_last_four} verified`;
      mdView('verified');
      if (!mdVerifiedSent) emit('microdeposits/verified', { microdeposit_guid: microdeposit.guid });
      mdVerifiedSent = true;
      return;
    }
    if (MD_ERRORS.includes(s)) {
      $('md-error-text').textContent = microdeposit.error_message || `The microdeposits ended ${s}.`;
      return mdView('error');
    }
    if (s === 'DEPOSITED' && !microdeposit.is_verifying) {
      mdError('md-verify-error', microdeposit.error_message);
      return mdView('verify');
    }
    $('md-pending-title').textContent = microdeposit.is_verifying ? 'Verifying…' : 'Deposits on the way';
    $('md-pending-text').textContent = microdeposit.is_verifying
      ? 'Checking the amounts you entered.'
      : `Two small deposits are on their way to account ending ${microdeposit.account_number_last_four}. ` +
        'They can take a few days to arrive; come back then to enter the amounts.';
    mdView('pending');
    poller = setTimeout(mdPoll, POLL_MS);
  }
  async function mdPoll() {
    try {
      microdeposit = (await api('GET', mdPath())).micro_deposit;
    } catch (err) {
      $('md-error-text').textContent = err.message;
      return mdView('error');
    }
    mdReact();
  }
  $('md-person').addEventListener('submit', async (e) => {
    e.preventDefault();
    const form = new FormData(e.target);
    const person = {};
    for (const f of ['first_name', 'last_name', 'email']) person[f] = String(form.get(f)).trim();
    mdError('md-person-error', '');
    try {
      microdeposit = (await api('POST', 'microdeposits', person)).micro_deposit;
    } catch (err) {
      return mdError('md-person-error', err.message);
    }
    mdReact();
  });
  $('md-details').addEventListener('submit', async (e) => {
    e.preventDefault();
    const form = new FormData(e.target);
    const details = {
      routing_number: String(form.get('routing_number')).trim(),
      account_number: String(form.get('account_number')).trim(),
      account_type: String(form.get('account_type')),
    };
    const name = String(form.get('account_name') || '').trim();
    if (name) details.account_name = name;
    mdError('md-details-error', '');
    let answer;
    try {
      answer = await api('PUT', mdPath(), details);
    } catch (err) {
      return mdError('md-details-error', err.message);
    }
    microdeposit = answer.micro_deposit;
    const blocked = answer.blocked_routing_number;
    if (blocked) {
      emit('microdeposits/blockedRoutingNumber', { routing_number: blocked.routing_number, reason: blocked.reason });
      return mdError('md-details-error', blocked.message);
    }
    emit('microdeposits/detailsSubmitted', { microdeposit_guid: microdeposit.guid });
    mdReact();
  });
  $('md-verify').addEventListener('submit', async (e) => {
    e.preventDefault();
    const form = new FormData(e.target);
    const amount = (field) => Number(String(form.get(field)).trim().replace(/^\$/, ''));
    const amounts = { deposit_amount_1: amount('deposit_amount_1'), deposit_amount_2: amount('deposit_amount_2') };
    if (!Object.values(amounts).every((a) => Number.isFinite(a) && a > 0 && a < 1)) {
      return mdError('md-verify-error', 'Enter each amount in dollars, e.g. 0.07.');
    }
    try {
      microdeposit = (await api('PUT', `${mdPath()}/verify`, amounts)).micro_deposit;
    } catch (err) {
      return mdError('md-verify-error', err.message);
    }
    if (microdeposit.error_message && microdeposit.status === 'DEPOSITED') e.target.reset();
    mdReact();
  });
  $('md-done').addEventListener('click', () => emit('connected/primaryAction', {}));

  $('done').addEventListener('click', () => emit('connected/primaryAction', {}));
  $('back').addEventListener('click', goBack);
  $('search').addEventListener('input', (e) => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => search(e.target.value.trim()), 250);
  });

  // ---- start --------------------------------------------------------------------------------------------
  function initialStep() {
    if (microdeposit) return 'microdeposits';
    if (member) {
      const s = member.connection_status;
      if (opts.update_credentials && !member.is_oauth) return 'enterCreds';
      if (s === 'CHALLENGED') return 'mfa';
      if (s === 'CONNECTED' && !member.is_being_aggregated) return 'connected';
      if (member.is_oauth || CREDENTIAL_ERRORS.includes(s)) return 'enterCreds';
      if (ERRORS.includes(s)) return 'loginError';
      return member.is_being_aggregated ? 'connecting' : 'connected';
    }
    return institution ? 'enterCreds' : 'search';
  }
  const initial = initialStep();
  send('mx/load', {});
  emit('loaded', { initial_step: initial });
  if (microdeposit) {
    mdReact();
  } else if (member) {
    institution = institution && institution.code === member.institution_code ? institution : null;
    const start = async () => {
      if (!institution)
        institution = (await api('GET', `institutions/${encodeURIComponent(member.institution_code)}`)).institution;
      if (initial === 'enterCreds') return member.is_oauth ? showOAuth() : enterCredentials();
      show(initial === 'mfa' ? 'mfa' : 'connecting');
      $('connecting-text').textContent = member.connection_status_message || 'Connecting…';
      react();
    };
    start().catch((err) => failed(err.message));
  } else if (institution) {
    enterCredentials();
  } else {
    show('search');
    search('').catch((err) => failed(err.message));
  }
})();
