// Operator tablet (/operator/): paired once as a STAFF_DEVICE (the manager registers the tablet in
// the console; a PIN login is only accepted with a registered staff tablet's token), then log in
// with user and PIN (or password, paired or not), open the operation at a station, follow the
// lines live and work the tickets. Texts in pt-BR; the API's problem details (already in pt-BR
// for the counter) are shown as they come.

import { ApiError, createApi } from '/shared/api.js';
import { deviceSession, userSession } from '/shared/session.js';
import { connectLive } from '/shared/live.js';
import { h, clear, replace } from '/shared/dom.js';
import { minutes } from '/shared/format.js';
import { beep, unlockAudioOnGesture } from '/shared/sound.js';
import { applyFrame, currentAt, emptyQueue, linesFor, waitedMinutes } from './queue-state.js';
import { errorText, fieldError, setFieldErrors } from '/shared/forms.js';
import { pairingForm } from '/shared/pairing.js';

const STAFF_ROLES = ['OPERATOR', 'MANAGER', 'ADMIN'];
const TENANT_KEY = 'totem.operator.tenant';
/** Set when someone chose to log in with a password without pairing this device (a manager's own computer). */
const UNPAIRED_KEY = 'totem.operator.unpaired';
const REVOKED = 'Este tablet foi desconectado pelo gerente (revogado ou pareado de novo). '
  + 'Peça o código de pareamento ao gerente e pareie de novo.';

/** The tablet itself, paired once as a STAFF_DEVICE: its token goes with every PIN login. */
const device = deviceSession('totem.operator.device');
const session = userSession('totem.operator');
const api = createApi({ session, onAuthLost: () => signedOut('Sua sessão terminou. Entre de novo.') });

const app = document.getElementById('app');
const who = document.getElementById('who');
const nav = document.getElementById('nav');
const liveBadge = document.getElementById('live');
const offline = document.getElementById('offline');

let live = null;
let ticker = null;
let services = new Map(); // id → catalog service (name, prefix, colour)
let serviceOrder = [];
let work = null; // { session, queue, day }
let onLoginScreen = false;
/** Why the pairing was lost while someone was signed in: shown on the pairing screen afterwards. */
let pairingLost = null;
let paired = device.paired;

unlockAudioOnGesture();
session.onChange(() => {
  if (!session.signedIn && work) signedOut('Sua sessão terminou. Entre de novo.');
});
// the tablet's refresh and its secret refused (the manager revoked it or gave it a new code):
// back to the pairing screen, at once on the login screen, after the work otherwise
device.onChange(() => {
  const was = paired;
  paired = device.paired;
  if (!was || paired) return;
  if (onLoginScreen) showPairing(REVOKED);
  else if (session.signedIn) pairingLost = REVOKED;
});
start();

function start() {
  if (device.paired && !device.hasRole('STAFF_DEVICE')) {
    device.unpair();
    pairingLost = 'Este aparelho não está cadastrado como tablet da equipe. Pareie com um aparelho do tipo “Tablet da equipe”.';
  }
  if (!session.signedIn) return signedOut();
  onLoginScreen = false;
  if (!session.roles.some((r) => STAFF_ROLES.includes(r))) {
    session.forget();
    return showLogin('Este acesso é só para a equipe do estúdio. Entre com o seu usuário.');
  }
  if (!session.hasRole('OPERATOR')) {
    const manages = session.hasRole('MANAGER') || session.hasRole('ADMIN');
    return showMessage('Este usuário não é operador.',
      h('p', null, 'Gerentes usam o ', h('a', { href: '/admin/' }, 'console do gerente'), '.'),
      manages && device.paired ? unpairBox() : null);
  }
  return showSetup();
}

/** Nobody signed in: the login, or the pairing screen on a tablet that is not paired (yet or any more). */
function signedOut(message) {
  if (pairingLost) {
    const why = pairingLost;
    pairingLost = null;
    return showPairing(why);
  }
  const params = new URLSearchParams(location.search);
  if (!device.paired && (params.has('device') || localStorage.getItem(UNPAIRED_KEY) !== '1')) return showPairing(message);
  return showLogin(message);
}

function header() {
  clear(nav);
  if (!session.signedIn) {
    who.textContent = '';
    return;
  }
  who.textContent = session.name ?? session.claims.username ?? '';
  nav.append(h('button', { type: 'button', onclick: logout }, 'Sair'));
}

function stopLive() {
  live?.close();
  live = null;
  clearInterval(ticker);
  ticker = null;
  liveBadge.hidden = true;
  offline.hidden = true;
}

async function logout() {
  stopLive();
  work = null;
  await session.logout();
  signedOut('Você saiu.');
}

function focusMain() {
  app.focus({ preventScroll: true });
}

function showMessage(title, ...body) {
  stopLive();
  onLoginScreen = false;
  header();
  replace(app, h('section', { class: 'card stack' }, h('h2', null, title), ...body,
    h('button', { type: 'button', onclick: logout }, 'Sair')));
  focusMain();
}

/** For a manager signed in on a paired tablet: forget the pairing here (the device stays registered). */
function unpairBox() {
  return h('div', { class: 'stack', id: 'unpair-box' },
    h('p', null, `Este tablet está pareado como “${device.deviceId}” (estúdio ${device.tenant}).`),
    h('button', { type: 'button', class: 'btn-danger', id: 'unpair', onclick: async () => {
      if (!confirm('Desparear este tablet? Os operadores só voltam a entrar com o PIN depois de pareá-lo de novo.')) return;
      paired = false; // no "revoked" message: this is on purpose
      await device.unpair();
      stopLive();
      work = null;
      await session.logout();
      localStorage.removeItem(UNPAIRED_KEY);
      showPairing('Tablet despareado. Para os operadores entrarem com o PIN, pareie de novo.', 'ok');
    } }, 'Desparear este tablet'));
}

// ---------------------------------------------------------------- pairing

function showPairing(message, kind = 'warn') {
  stopLive();
  work = null;
  onLoginScreen = false;
  header();
  const q = new URLSearchParams(location.search);
  const pairing = pairingForm({
    ids: { form: 'pair-form', tenant: 'pair-tenant', deviceId: 'pair-device', secret: 'pair-secret' },
    noun: 'tablet', secretLabel: 'Código de pareamento', submitLabel: 'Parear tablet', formClass: 'form',
    tenant: localStorage.getItem(TENANT_KEY) ?? '', message, kind,
    pair: async (values) => {
      await device.pair(values);
      if (!device.hasRole('STAFF_DEVICE')) {
        paired = false;
        await device.unpair();
        throw new Error('not a staff device');
      }
      paired = true;
      localStorage.removeItem(UNPAIRED_KEY);
      localStorage.setItem(TENANT_KEY, values.tenant);
      // the pairing link's parameters have done their job
      if (q.has('device') || q.has('tenant')) history.replaceState(null, '', location.pathname);
      showLogin('Tablet pareado. Os operadores já podem entrar com o PIN.', 'ok');
    },
    failure: (e) => e instanceof ApiError && e.status === 401
      ? 'Estúdio, identificador ou código de pareamento incorretos.'
      : e instanceof ApiError || e.name === 'NetworkError' ? errorText(e)
        : 'Este aparelho não está cadastrado como tablet da equipe. No console do gerente, em Aparelhos, crie um aparelho do tipo “Tablet da equipe”.',
  });
  const skip = h('button', { type: 'button', id: 'skip-pairing', onclick: () => {
    localStorage.setItem(UNPAIRED_KEY, '1');
    showLogin();
  } }, 'Entrar com senha sem parear');
  replace(app,
    h('section', { class: 'card', id: 'pairing' }, h('h2', null, 'Parear este tablet'),
      h('p', null, 'O PIN dos operadores só funciona em um tablet pareado. Peça ao gerente para cadastrar este tablet ',
        'no console (Aparelhos, tipo “Tablet da equipe”) e use o identificador e o código de pareamento que ele mostra — ',
        'ou abra aqui o link de pareamento.'),
      pairing.form),
    h('section', { class: 'card stack' },
      h('p', null, 'Sem parear, dá para entrar só com a senha (gerentes, ou um operador fora do tablet).'), skip));
  pairing.focus();
}

// ---------------------------------------------------------------- login

function showLogin(message, kind = 'warn') {
  stopLive();
  work = null;
  onLoginScreen = true;
  header();
  const fixedTenant = device.paired ? device.tenant : null;
  const tenant = h('input', { id: 'tenant', name: 'tenant', required: true, autocomplete: 'organization',
    readonly: Boolean(fixedTenant),
    value: fixedTenant ?? localStorage.getItem(TENANT_KEY) ?? new URLSearchParams(location.search).get('tenant') ?? '' });
  const username = h('input', { id: 'username', name: 'username', required: true, autocomplete: 'username',
    autocapitalize: 'none', spellcheck: 'false' });
  const usePin = h('input', { type: 'radio', name: 'mode', id: 'mode-pin', value: 'pin', checked: true });
  const usePassword = h('input', { type: 'radio', name: 'mode', id: 'mode-password', value: 'password' });
  const secret = h('input', { id: 'secret', name: 'secret', type: 'password', required: true,
    inputmode: 'numeric', autocomplete: 'current-password' });
  const secretLabel = h('label', { for: 'secret' }, 'PIN');
  const status = h('div', { class: 'result', role: 'alert' }, message ? h('p', { class: `notice notice-${kind}` }, message) : null);
  const submit = h('button', { type: 'submit', class: 'btn-primary' }, 'Entrar');
  const syncMode = () => {
    const pin = usePin.checked;
    secretLabel.textContent = pin ? 'PIN' : 'Senha';
    secret.setAttribute('inputmode', pin ? 'numeric' : 'text');
  };
  usePin.addEventListener('change', syncMode);
  usePassword.addEventListener('change', syncMode);
  const pairButton = () => h('button', { type: 'button', id: 'pair-this', onclick: () => showPairing() }, 'Parear este tablet');

  const form = h('form', { class: 'form', id: 'login-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'tenant' }, 'Estúdio'), tenant, fieldError('tenant')),
    h('div', { class: 'field' }, h('label', { for: 'username' }, 'Usuário'), username, fieldError('username')),
    h('fieldset', { class: 'field' }, h('legend', null, 'Entrar com'),
      h('div', { class: 'row' },
        h('label', { class: 'choice', for: 'mode-pin' }, usePin, 'PIN'),
        h('label', { class: 'choice', for: 'mode-password' }, usePassword, 'Senha'))),
    h('div', { class: 'field' }, secretLabel, secret, fieldError('secret')),
    submit, status);

  const refuseUnpaired = () => status.append(h('div', { class: 'notice notice-error stack', id: 'unpaired-pin' },
    h('p', null, 'Este tablet não está pareado, por isso o PIN não pode ser usado aqui. '
      + 'Entre com a senha, ou peça ao gerente o código de pareamento e pareie o tablet.'), pairButton()));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const pin = usePin.checked;
    const values = { tenant: tenant.value.trim(), username: username.value.trim(), secret: secret.value };
    const errors = {};
    if (!values.tenant) errors.tenant = 'Informe o estúdio.';
    if (!values.username) errors.username = 'Informe o usuário.';
    if (!values.secret) errors.secret = pin ? 'Informe o PIN.' : 'Informe a senha.';
    else if (pin && !/^\d{4,8}$/.test(values.secret)) errors.secret = 'O PIN tem de 4 a 8 números.';
    setFieldErrors(form, errors);
    clear(status);
    if (Object.keys(errors).length) return;
    submit.disabled = true;
    const credentials = { tenant: values.tenant, username: values.username,
      ...(pin ? { pin: values.secret, device: device.paired ? device : undefined } : { password: values.secret }) };
    try {
      try {
        await session.login(credentials);
      } catch (e) {
        // the tablet's token refused (revoked, re-paired, expired): refresh the pairing once and try again
        if (!(pin && device.paired && tabletRefused(e))) throw e;
        if (!(await device.refresh())) {
          paired = false;
          return showPairing(REVOKED);
        }
        await session.login(credentials);
      }
      localStorage.setItem(TENANT_KEY, values.tenant);
      start();
    } catch (e) {
      submit.disabled = false;
      secret.value = '';
      if (e instanceof ApiError && e.code === 'staff-device-required') {
        if (!device.paired) refuseUnpaired();
        else {
          status.append(h('p', { class: 'notice notice-error' }, `O PIN não foi aceito neste tablet (pareado no estúdio ${device.tenant}). `
            + 'Entre com a senha ou peça ao gerente para parear o tablet de novo.'));
        }
      } else if (e instanceof ApiError && e.status === 401) {
        status.append(h('p', { class: 'notice notice-error' }, pin ? 'Usuário ou PIN incorretos.' : 'Usuário ou senha incorretos.'));
      } else {
        setFieldErrors(form, e instanceof ApiError ? e.fieldErrors : {});
        status.append(h('p', { class: 'notice notice-error' }, errorText(e)));
      }
    }
  });
  replace(app, h('section', { class: 'card' }, h('h2', null, 'Entrar'),
    device.paired
      ? h('p', { class: 'muted', id: 'paired-as' }, `Tablet pareado: ${device.deviceId} · estúdio ${device.tenant}`)
      : h('div', { class: 'row', id: 'not-paired' }, h('p', { class: 'muted' }, 'Este aparelho não está pareado: o PIN só funciona em um tablet pareado.'),
        pairButton()),
    form));
  (tenant.value ? username : tenant).focus();
}

/** A PIN login refused because of the tablet's token, not the person's PIN. */
function tabletRefused(e) {
  if (!(e instanceof ApiError)) return false;
  return e.code === 'staff-device-required' || (e.status === 401 && e.code !== 'invalid-credentials');
}

// ---------------------------------------------------------------- start the operation

async function loadServices() {
  const list = await api.get('/api/v1/services');
  services = new Map(list.map((s) => [s.id, s]));
  serviceOrder = list.map((s) => s.id);
}

async function showSetup() {
  header();
  replace(app, h('p', { class: 'muted' }, 'Carregando estações…'));
  let stations;
  let open;
  try {
    [stations, open] = await Promise.all([api.get('/api/v1/stations'), api.get('/api/v1/queue/sessions'), loadServices()]);
  } catch (e) {
    return showFailure(e, showSetup);
  }
  const mine = open.find((s) => s.operatorId === session.claims.sub);
  if (mine) return showWork(mine);

  const busy = new Map(open.map((s) => [s.stationId, s]));
  const active = stations.filter((s) => s.active);
  if (!active.length) {
    return replace(app, h('section', { class: 'card' }, h('h2', null, 'Nenhuma estação cadastrada'),
      h('p', null, 'Peça ao gerente para cadastrar as estações no console.')));
  }
  const servicesBox = h('div', { class: 'stack', id: 'services' });
  const status = h('div', { class: 'result', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'btn-primary' }, 'Iniciar operação');
  const stationInputs = active.map((st) => h('input', { type: 'radio', name: 'station', id: 'st-' + st.id, value: st.id,
    disabled: busy.has(st.id) }));
  const renderServices = () => {
    const chosen = active.find((st) => stationInputs.find((i) => i.checked)?.value === st.id);
    clear(servicesBox);
    if (!chosen) return servicesBox.append(h('p', { class: 'muted' }, 'Escolha a estação primeiro.'));
    const ids = chosen.serviceIds.length ? chosen.serviceIds : serviceOrder;
    for (const id of ids) {
      const s = services.get(id);
      if (!s) continue;
      servicesBox.append(h('label', { class: 'choice', for: 'sv-' + id },
        h('input', { type: 'checkbox', name: 'service', id: 'sv-' + id, value: id, checked: true }),
        h('span', { class: 'swatch', style: { background: s.color }, 'aria-hidden': 'true' }), s.name));
    }
  };
  stationInputs.forEach((i) => i.addEventListener('change', renderServices));
  const form = h('form', { class: 'form', novalidate: true },
    h('fieldset', { class: 'field' }, h('legend', null, 'Estação'),
      active.map((st, i) => h('label', { class: 'choice', for: 'st-' + st.id }, stationInputs[i], st.name,
        busy.has(st.id) ? h('span', { class: 'muted' }, ` (em uso por ${busy.get(st.id).operatorName ?? 'outro operador'})`) : null)),
      fieldError('stationId')),
    h('fieldset', { class: 'field' }, h('legend', null, 'Serviços que você vai atender'), servicesBox, fieldError('serviceIds')),
    submit, status);
  renderServices();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const stationId = stationInputs.find((i) => i.checked)?.value;
    const serviceIds = [...servicesBox.querySelectorAll('input:checked')].map((i) => i.value);
    const errors = {};
    if (!stationId) errors.stationId = 'Escolha a estação.';
    else if (!serviceIds.length) errors.serviceIds = 'Escolha ao menos um serviço.';
    setFieldErrors(form, errors);
    clear(status);
    if (Object.keys(errors).length) return;
    submit.disabled = true;
    try {
      showWork(await api.post('/api/v1/queue/sessions', { stationId, serviceIds }));
    } catch (e) {
      submit.disabled = false;
      setFieldErrors(form, e instanceof ApiError ? e.fieldErrors : {});
      status.append(h('p', { class: 'notice notice-error' }, errorText(e)));
    }
  });
  replace(app, h('section', { class: 'card' }, h('h2', null, 'Iniciar operação'), form));
  focusMain();
}

function showFailure(e, retry) {
  replace(app, h('section', { class: 'card stack' }, h('p', { class: 'notice notice-error', role: 'alert' }, errorText(e)),
    h('button', { type: 'button', onclick: retry }, 'Tentar de novo')));
}

// ---------------------------------------------------------------- the counter

function showWork(opSession) {
  stopLive();
  header();
  nav.prepend(h('button', { type: 'button', onclick: closeOperation }, 'Encerrar operação'));
  who.textContent = `${session.name ?? ''} · ${opSession.stationName}`;
  work = { session: opSession, queue: emptyQueue(), day: null, fresh: new Set(), busy: false };

  const result = h('div', { class: 'result', id: 'result', role: 'status', 'aria-live': 'polite' });
  const currentBox = h('section', { class: 'card current', id: 'current', 'aria-labelledby': 'current-title' });
  const countsBox = h('section', { class: 'card', id: 'counts', 'aria-labelledby': 'counts-title' });
  const linesBox = h('section', { id: 'lines', 'aria-labelledby': 'lines-title' });
  work.el = { result, currentBox, countsBox, linesBox };
  replace(app, h('div', { class: 'work' },
    h('div', null, currentBox, result, countsBox),
    h('div', null, h('h2', { id: 'lines-title' }, 'Filas'), linesBox)));

  liveBadge.hidden = false;
  live = connectLive('/ws/queue', {
    token: () => session.accessToken(),
    // 4403: logged out elsewhere, or the manager deactivated the user or reset the PIN
    onAuthLost: () => {
      work = null;
      session.forget();
      signedOut('Seu acesso foi encerrado. Entre de novo.');
    },
    onStatus: (s) => {
      liveBadge.dataset.status = s;
      liveBadge.textContent = s === 'online' ? 'Ao vivo' : s === 'connecting' ? 'Conectando…' : 'Sem conexão';
      offline.hidden = s !== 'offline';
    },
    onMessage: (frame) => {
      const what = applyFrame(work.queue, frame);
      if (!what) return;
      if (what.kind === 'ENQUEUED' && serves(what.ticket.serviceId)) {
        work.fresh.add(what.ticket.ticketId);
        setTimeout(() => { work?.fresh.delete(what.ticket.ticketId); renderLines(); }, 5000);
        beep();
      }
      if (what.ticket?.stationId === opSession.stationId || what.kind === 'SNAPSHOT') loadDay();
      render();
    },
  });
  ticker = setInterval(renderLines, 30_000);
  render();
  loadDay();
  focusMain();
}

function serves(serviceId) {
  const ids = work.session.serviceIds;
  return !ids?.length || ids.includes(serviceId);
}

function render() {
  renderCurrent();
  renderLines();
  renderCounts();
}

function stateText(t) {
  if (t.status === 'IN_SERVICE') return 'Em atendimento';
  return t.recallCount > 0 ? `Chamada (rechamada ${t.recallCount}×)` : 'Chamada';
}

function renderCurrent() {
  const { currentBox } = work.el;
  const t = currentAt(work.queue, work.session.stationId);
  const colour = t ? services.get(t.serviceId)?.color : null;
  currentBox.style.borderLeftColor = colour ?? '';
  const actions = h('div', { class: 'actions' });
  if (!t) {
    actions.append(h('button', { type: 'button', class: 'btn-primary call wide', id: 'call-next', disabled: work.busy,
      onclick: () => act('call-next') }, 'Chamar próximo'));
    replace(currentBox, h('h2', { id: 'current-title' }, 'Atendimento'),
      h('p', { class: 'muted' }, 'Nenhuma senha chamada nesta estação.'), actions);
    return;
  }
  if (t.status === 'CALLED') {
    actions.append(
      h('button', { type: 'button', id: 'recall', disabled: work.busy, onclick: () => act('recall', t) }, 'Chamar de novo'),
      h('button', { type: 'button', class: 'btn-primary', id: 'start', disabled: work.busy, onclick: () => act('start', t) }, 'Iniciar'),
      h('button', { type: 'button', class: 'btn-danger', id: 'no-show', disabled: work.busy, onclick: () => act('no-show', t) }, 'Não compareceu'),
      h('button', { type: 'button', id: 'transfer', disabled: work.busy, onclick: () => askTransfer(t) }, 'Transferir'));
  } else {
    actions.append(h('button', { type: 'button', class: 'btn-primary wide call', id: 'finish', disabled: work.busy,
      onclick: () => act('finish', t) }, 'Finalizar'));
  }
  replace(currentBox,
    h('h2', { id: 'current-title' }, 'Atendimento'),
    h('p', { class: 'number', id: 'current-number' }, t.number),
    h('p', null, h('span', { class: 'swatch', style: { background: colour ?? '#6b7280' }, 'aria-hidden': 'true' }), ' ',
      t.serviceName, t.priority === 'PREFERENTIAL' ? h('span', { class: 'badge' }, ' Preferencial') : null),
    h('p', { class: 'state', id: 'current-state' }, stateText(t), t.displayName ? ` · ${t.displayName}` : ''),
    actions);
}

function renderLines() {
  if (!work) return;
  const { linesBox } = work.el;
  const lines = linesFor(work.queue, work.session.serviceIds, serviceOrder);
  clear(linesBox);
  if (!lines.length) {
    linesBox.append(h('p', { class: 'card empty' }, 'Nenhuma senha paga ainda hoje para os seus serviços.'));
    return;
  }
  const now = Date.now();
  for (const line of lines) {
    const colour = services.get(line.serviceId)?.color;
    const items = line.waiting.map((t) => h('li', {
      class: ['ticket', work.fresh.has(t.ticketId) && 'new'], dataset: { ticket: t.ticketId, number: t.number },
    },
    h('span', { class: 'pos', 'aria-label': `posição ${t.position}` }, `${t.position}º`),
    h('span', { class: 'num' }, t.number),
    h('span', null, t.priority === 'PREFERENTIAL' ? h('span', { class: 'badge' }, 'Preferencial') : null, ' ',
      t.displayName ?? ''),
    h('span', { class: 'muted' }, `espera ${minutes(waitedMinutes(t.paidAt, now))}`)));
    for (const li of items) if (li.classList.contains('new')) li.style.outlineColor = colour ?? '';
    const section = h('section', { class: 'card line', dataset: { service: line.serviceId }, 'aria-label': line.serviceName },
      h('h3', null, h('span', { class: 'swatch', style: { background: colour ?? '#6b7280' }, 'aria-hidden': 'true' }),
        line.serviceName, h('span', { class: 'muted' }, ` · ${line.waiting.length} aguardando`)),
      items.length ? h('ol', null, items) : h('p', { class: 'empty' }, 'Ninguém aguardando.'));
    section.style.borderLeftColor = colour ?? '';
    linesBox.append(section);
  }
}

async function loadDay() {
  if (!work) return;
  const stationId = work.session.stationId;
  clearTimeout(work.dayTimer);
  work.dayTimer = setTimeout(async () => {
    try {
      // the studio's business day: the tablet stands in the studio, so its clock's date is the one
      // (no API gives the tenant's zone to an operator; a tablet set to another zone shows that day)
      const date = new Intl.DateTimeFormat('en-CA').format(new Date());
      const day = await api.get(`/api/v1/queue/stations/${stationId}/day?date=${date}`);
      if (work?.session.stationId === stationId) {
        work.day = day;
        renderCounts();
      }
    } catch {
      // the counters are a convenience: the next change tries again
    }
  }, 200);
}

function renderCounts() {
  const { countsBox } = work.el;
  const d = work.day;
  const cell = (label, value, id) => h('div', null, h('dt', null, label), h('dd', { id }, value));
  replace(countsBox, h('h2', { id: 'counts-title' }, 'Hoje nesta estação'),
    d ? h('dl', { class: 'counts' },
      cell('Chamadas', d.called, 'count-called'),
      cell('Atendidas', d.completed, 'count-completed'),
      cell('Não compareceu', d.noShow, 'count-no-show'),
      cell('Tempo médio', d.completed ? minutes(d.meanServiceSeconds / 60) : '—', 'count-mean'))
      : h('p', { class: 'muted' }, 'Carregando…'));
}

function say(text, kind = 'ok') {
  replace(work.el.result, h('p', { class: `notice notice-${kind}` }, text));
}

const DONE = {
  recall: (t) => `Senha ${t.number} chamada de novo.`,
  start: (t) => `Atendimento da senha ${t.number} iniciado.`,
  finish: (t) => `Senha ${t.number} finalizada.`,
  'no-show': (t) => `Senha ${t.number} marcada como não compareceu.`,
  transfer: (t) => `Senha ${t.number} transferida para ${t.serviceName}.`,
};

async function act(action, ticket, body) {
  if (!work || work.busy) return;
  work.busy = true;
  renderCurrent();
  try {
    if (action === 'call-next') {
      const called = await api.post('/api/v1/queue/call-next', { sessionId: work.session.id });
      if (called) {
        work.queue.active.set(called.ticketId, called);
        say(`Senha ${called.number} chamada. Aguarde o cliente.`);
      } else {
        say('Ninguém aguardando nas filas desta estação.', 'warn');
      }
    } else {
      const updated = await api.post(`/api/v1/queue/tickets/${ticket.ticketId}/${action}`, body);
      if (updated.status === 'CALLED' || updated.status === 'IN_SERVICE') work.queue.active.set(updated.ticketId, updated);
      else work.queue.active.delete(updated.ticketId);
      say(DONE[action](updated));
    }
    loadDay();
  } catch (e) {
    say(refusal(e), 'error');
  } finally {
    if (work) {
      work.busy = false;
      renderCurrent();
    }
  }
}

/** A refused action in plain words: the counter's problems already explain themselves in pt-BR. */
function refusal(e) {
  if (e instanceof ApiError) {
    if (e.status === 409 || e.status === 403) return `Não foi possível: ${e.detail || e.title}`;
    if (e.status === 404) return 'Esta senha não está mais na fila. A lista foi atualizada.';
  }
  return errorText(e);
}

function askTransfer(t) {
  const others = serviceOrder.map((id) => services.get(id)).filter((s) => s && s.active !== false && s.id !== t.serviceId);
  const select = h('select', { id: 'transfer-to', required: true },
    h('option', { value: '' }, 'Escolha o serviço'), others.map((s) => h('option', { value: s.id }, s.name)));
  const error = h('p', { class: 'field-error', id: 'transfer-error', role: 'alert' });
  const dialog = h('dialog', { 'aria-labelledby': 'transfer-title' },
    h('form', { class: 'form', method: 'dialog', novalidate: true },
      h('h2', { id: 'transfer-title' }, `Transferir a senha ${t.number}`),
      h('div', { class: 'field' }, h('label', { for: 'transfer-to' }, 'Para a fila de'), select, error),
      h('div', { class: 'row' },
        h('button', { type: 'submit', class: 'btn-primary', id: 'transfer-confirm', value: 'ok' }, 'Transferir'),
        h('button', { type: 'submit', value: 'cancel', formnovalidate: true }, 'Cancelar'))));
  dialog.addEventListener('close', () => {
    const target = select.value;
    dialog.remove();
    if (dialog.returnValue === 'ok' && target) act('transfer', t, { serviceId: target });
  });
  dialog.querySelector('form').addEventListener('submit', (event) => {
    if (event.submitter?.value === 'ok' && !select.value) {
      event.preventDefault();
      error.textContent = 'Escolha o serviço de destino.';
    }
  });
  document.body.append(dialog);
  dialog.showModal();
  select.focus();
}

async function closeOperation() {
  if (!work) return;
  const current = currentAt(work.queue, work.session.stationId);
  if (current && !confirm(`A senha ${current.number} ainda está nesta estação. Encerrar mesmo assim?`)) return;
  try {
    await api.del(`/api/v1/queue/sessions/${work.session.id}`);
    stopLive();
    work = null;
    await showSetup();
    document.getElementById('app').prepend(h('p', { class: 'notice notice-ok', role: 'status' }, 'Operação encerrada.'));
  } catch (e) {
    say(refusal(e), 'error');
  }
}

