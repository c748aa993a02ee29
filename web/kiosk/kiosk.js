// The self-service kiosk: setup once, then pick a service → your data → consent → Pix → your
// number, for a customer alone at the door. Touch only, pt-BR. The purchase lives in memory only
// (`flow`); it is dropped on every return to the start, and with it the customer's data.

import { ApiError, NetworkError, createApi, newIdempotencyKey } from '/shared/api.js';
import { deviceSession } from '/shared/session.js';
import { h, replace } from '/shared/dom.js';
import { brl, countdown, digits, isValidCpf, isValidPhone, maskCpf, maskPhone, minutes } from '/shared/format.js';
import { createIdle } from '/shared/idle.js';
import { keyboard } from './keyboard.js';
import { createOutbox } from './outbox.js';
import { explain, fieldProblems } from './messages.js';

const params = new URLSearchParams(location.search);
/** Seconds without a touch before "Ainda está aí?", then seconds more before the reset (?idle=, ?warn= for tests). */
const IDLE_MS = Number(params.get('idle') ?? 60) * 1000;
const WARN_MS = Number(params.get('warn') ?? 20) * 1000;
const POLL_MS = 2_000;
const DONE_MS = 30_000;        // the number stays this long, then the next customer
const GOODBYE_MS = 15_000;     // refused, cancelled, expired: back to the start
const PRINT_WAIT_MS = 25_000;  // after this without an outcome, the printer is treated as failed

const session = deviceSession('totem.kiosk');
const api = createApi({ session, onAuthLost: () => lostPairing() });
const screen = document.getElementById('screen');
const offlineBanner = document.getElementById('offline');
const idleDialog = document.getElementById('idle');
const keys = keyboard({ onDone: (input) => nextField(input) });

let flow = null;       // the current customer's purchase (memory only)
let generation = 0;    // bumps on every reset: late answers of an old purchase are ignored
const timers = new Set();

const outbox = createOutbox(api, { onWaiting: (waiting) => { if (waiting) setOnline(false); } });

// ---------------------------------------------------------------- plumbing

function later(fn, ms) {
  const gen = generation;
  const t = setTimeout(() => {
    timers.delete(t);
    if (gen === generation) fn();
  }, ms);
  timers.add(t);
  return t;
}

function every(fn, ms) {
  const gen = generation;
  const t = setInterval(() => (gen === generation ? fn() : clearInterval(t)), ms);
  timers.add(t);
  return t;
}

function stopTimers() {
  for (const t of timers) {
    clearTimeout(t);
    clearInterval(t);
  }
  timers.clear();
}

/** Runs an API call for the current purchase; resolves to undefined if the purchase was reset meanwhile. */
async function current(promise) {
  const gen = generation;
  try {
    const value = await promise;
    setOnline(true);
    return gen === generation ? value : undefined;
  } catch (e) {
    if (e instanceof NetworkError) setOnline(false);
    else setOnline(true);
    if (gen !== generation) return undefined;
    throw e;
  }
}

function setOnline(online) {
  offlineBanner.hidden = online && navigator.onLine;
}
window.addEventListener('offline', () => setOnline(false));
window.addEventListener('online', () => setOnline(true));

function show(name, ...children) {
  keys.hide();
  const section = h('section', { class: ['screen', `screen-${name}`], 'data-screen': name, 'aria-labelledby': `${name}-title` }, ...children);
  replace(screen, section);
  const title = section.querySelector('h1');
  if (title) {
    title.id = `${name}-title`;
    title.tabIndex = -1;
    title.focus({ preventScroll: true });
  }
  return section;
}

function button(label, onclick, { primary = false, testid, kind = '' } = {}) {
  return h('button', { type: 'button', class: ['btn', primary ? 'btn-primary' : '', kind], onclick, 'data-testid': testid }, label);
}

function problem(error, { retry, back = true, extra = [] } = {}) {
  const { title, text } = explain(error);
  show('error',
    h('h1', null, title),
    h('p', { class: 'lead', 'data-testid': 'error-text' }, text),
    h('div', { class: 'actions' },
      back ? button('Voltar ao início', () => reset(), { testid: 'to-start' }) : null,
      ...extra,
      retry ? button('Tentar de novo', retry, { primary: true, testid: 'retry' }) : null));
}

// ---------------------------------------------------------------- idle

const idle = createIdle({
  timeoutMs: IDLE_MS,
  warnMs: WARN_MS,
  onWarn: (seconds) => {
    idleDialog.querySelector('[data-left]').textContent = String(seconds);
    idleDialog.hidden = false;
    let left = seconds;
    const tick = every(() => {
      left = Math.max(0, left - 1);
      idleDialog.querySelector('[data-left]').textContent = String(left);
      if (left === 0) clearInterval(tick);
    }, 1000);
    idleDialog.dataset.tick = String(tick);
  },
  onActive: () => {
    clearInterval(Number(idleDialog.dataset.tick));
    idleDialog.hidden = true;
  },
  onIdle: () => reset(),
});
idleDialog.querySelector('button').addEventListener('click', () => {
  idleDialog.hidden = true;
  idle.reset();
});

/** Back to the start, forgetting the customer: memory, screen, keyboard, outbox. */
async function reset() {
  generation++;
  stopTimers();
  idle.stop();
  idleDialog.hidden = true;
  keys.hide();
  flow = null;
  await outbox.abandon();
  if (session.paired) start();
  else setup();
}

// ---------------------------------------------------------------- 1. setup

function lostPairing() {
  generation++;
  stopTimers();
  idle.stop();
  flow = null;
  outbox.abandon();
  session.forget();
  setup('O acesso deste totem foi encerrado. Um gerente precisa configurá-lo novamente.');
}

function setup(message) {
  const fields = {
    tenant: field('tenant', 'Estúdio', { layout: 'text', maxlength: 64, placeholder: 'ex.: demo' }),
    deviceId: field('deviceId', 'Identificação do totem', { layout: 'text', maxlength: 64, placeholder: 'ex.: kiosk-1' }),
    secret: field('secret', 'Senha do totem', { layout: 'text', maxlength: 256, type: 'password' }),
  };
  // the pairing link the manager console shows: /kiosk/?tenant=…&device=… (the secret is typed)
  fields.tenant.input.value = params.get('tenant') ?? '';
  fields.deviceId.input.value = params.get('device') ?? '';
  const status = h('p', { class: 'notice notice-error', role: 'alert', hidden: !message, 'data-testid': 'setup-error' }, message ?? '');
  const pair = async () => {
    const values = Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.input.value.trim()]));
    if (!values.tenant || !values.deviceId || !values.secret) {
      status.textContent = 'Preencha o estúdio, a identificação e a senha do totem.';
      status.hidden = false;
      return;
    }
    go.disabled = true;
    try {
      await session.pair(values);
      setOnline(true);
      start();
    } catch (e) {
      status.hidden = false;
      if (e instanceof ApiError && e.status === 401) status.textContent = 'Dados incorretos: confira o estúdio, a identificação e a senha do totem.';
      else if (e instanceof ApiError && e.status === 429) status.textContent = `Muitas tentativas. Aguarde ${e.retryAfter ?? 60} segundos e tente de novo.`;
      else status.textContent = explain(e).text;
      go.disabled = false;
    }
  };
  const go = button('Parear totem', pair, { primary: true, testid: 'pair' });
  show('setup',
    h('h1', null, 'Configurar este totem'),
    h('p', { class: 'lead' }, 'Um gerente informa, uma única vez, o estúdio, a identificação e a senha deste totem.'),
    status,
    h('form', { class: 'form', onsubmit: (e) => { e.preventDefault(); pair(); } },
      fields.tenant.element, fields.deviceId.element, fields.secret.element),
    h('div', { class: 'actions' }, go),
    keys.element);
  (fields.tenant.input.value && fields.deviceId.input.value ? fields.secret : fields.tenant).input.focus();
}

// ---------------------------------------------------------------- form fields

/** A labelled input typed with the on-screen keyboard, its error beside it. */
function field(name, label, { layout, maxlength, placeholder, type = 'text', format, validate } = {}) {
  const id = `f-${name}`;
  const error = h('p', { class: 'field-error', id: `${id}-error`, 'data-testid': `${name}-error`, 'aria-live': 'polite' });
  const input = h('input', {
    id, name, type, inputmode: 'none', autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false',
    maxlength, placeholder, 'aria-describedby': `${id}-error`, 'data-testid': name, 'data-layout': layout,
  });
  input.addEventListener('focus', () => keys.bind(input, layout));
  input.addEventListener('input', () => {
    if (format) {
      const formatted = format(input.value);
      if (formatted !== input.value) input.value = formatted;
    }
    if (validate) showError(validate(input.value, false));
  });
  const showError = (message) => {
    error.textContent = message ?? '';
    input.setAttribute('aria-invalid', message ? 'true' : 'false');
  };
  const element = h('div', { class: 'field' }, h('label', { for: id }, label), input, error);
  return { element, input, showError, check: () => { const m = validate ? validate(input.value, true) : null; showError(m); return !m; } };
}

function nextField(input) {
  const all = [...screen.querySelectorAll('input')];
  const next = all[all.indexOf(input) + 1];
  if (next) next.focus();
  else screen.querySelector('[data-testid="continue"], [data-testid="pair"]')?.click();
}

// ---------------------------------------------------------------- 2. pick a service

async function start() {
  idle.stop();
  const list = h('div', { class: 'services' });
  show('start',
    h('h1', null, 'Bem-vindo!'),
    h('p', { class: 'lead' }, 'Toque no serviço que deseja.'),
    list);
  list.append(h('p', { class: 'muted' }, 'Carregando os serviços…'));
  let services;
  try {
    services = await current(api.get('/api/v1/services'));
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return;
    replace(list, h('p', { class: 'notice notice-error', role: 'alert' }, explain(e).text),
      button('Tentar de novo', () => start(), { primary: true, testid: 'retry' }));
    later(start, 10_000);
    return;
  }
  if (services === undefined) return;
  const sold = services.filter((s) => s.active !== false);
  if (sold.length === 0) {
    replace(list, h('p', { class: 'notice notice-warn' }, 'Nenhum serviço disponível agora. Procure o balcão de atendimento.'));
  } else {
    replace(list, ...sold.map((s) => {
      const card = h('button', { type: 'button', class: 'service', 'data-testid': 'service', 'data-service': s.id, onclick: () => choose(s) },
        h('span', { class: 'service-name' }, s.name),
        s.description ? h('span', { class: 'service-description' }, s.description) : null,
        h('span', { class: 'service-facts' },
          h('span', { class: 'service-price' }, brl(s.priceCents)),
          h('span', { class: 'service-duration' }, minutes(s.durationMinutes))));
      if (/^#[0-9A-Fa-f]{6}$/.test(s.color ?? '')) card.style.setProperty('--service-color', s.color);
      return card;
    }));
  }
  later(start, 5 * 60_000); // the catalog changes: look again now and then
}

function choose(service) {
  generation++;
  stopTimers();
  flow = { service, customer: null, consent: null, ticketKey: null, ticket: null };
  idle.start();
  data();
}

// ---------------------------------------------------------------- 3. your data

function data(serverErrors = {}) {
  const name = field('name', 'Nome completo', {
    layout: 'letters', maxlength: 80,
    format: (v) => v.replace(/\s{2,}/g, ' ').replace(/^\s+/, ''),
    validate: (v, final) => (final && v.trim().length < 2 ? 'Informe seu nome, com pelo menos 2 letras.'
      : /[^\p{L}\s'.-]/u.test(v) ? 'Use apenas letras no nome.' : null),
  });
  const cpf = field('cpf', 'CPF', {
    layout: 'digits', maxlength: 14, format: maskCpf,
    validate: (v, final) => {
      const d = digits(v);
      if (d.length === 0) return final ? 'Informe o CPF.' : null;
      if (d.length < 11) return final ? 'O CPF tem 11 números.' : null;
      return isValidCpf(d) ? null : 'CPF inválido: confira os números digitados.';
    },
  });
  const phone = field('phone', 'Celular com DDD', {
    layout: 'digits', maxlength: 15, format: maskPhone,
    validate: (v, final) => {
      const d = digits(v);
      if (d.length === 0) return final ? 'Informe o telefone.' : null;
      if (d.length < 10 || (d.length === 10 && d[2] === '9')) return final ? 'Telefone incompleto: informe DDD e número, por exemplo (11) 98765-4321.' : null;
      return isValidPhone(d) ? null : 'Telefone inválido: informe DDD e número, por exemplo (11) 98765-4321.';
    },
  });
  if (flow.customer) {
    name.input.value = flow.customer.name;
    cpf.input.value = maskCpf(flow.customer.cpf);
    phone.input.value = maskPhone(flow.customer.phone);
  }
  const fields = { name, cpf, phone };
  for (const [k, message] of Object.entries(serverErrors)) fields[k]?.showError(message);
  const proceed = () => {
    const ok = [name.check(), cpf.check(), phone.check()].every(Boolean);
    if (!ok) {
      screen.querySelector('[aria-invalid="true"]')?.focus();
      return;
    }
    flow.customer = { name: name.input.value.trim(), cpf: digits(cpf.input.value), phone: digits(phone.input.value) };
    consent();
  };
  show('data',
    h('h1', null, 'Seus dados'),
    summary(),
    h('form', { class: 'form', onsubmit: (e) => { e.preventDefault(); proceed(); } }, name.element, cpf.element, phone.element),
    keys.element,
    h('div', { class: 'actions' },
      button('Voltar', () => reset(), { testid: 'back' }),
      button('Continuar', proceed, { primary: true, testid: 'continue' })));
  (Object.keys(serverErrors).length ? fields[Object.keys(serverErrors)[0]].input : name.input).focus();
}

function summary() {
  const s = flow.service;
  return h('p', { class: 'summary' }, h('strong', null, s.name), ` · ${brl(s.priceCents)} · ${minutes(s.durationMinutes)}`);
}

// ---------------------------------------------------------------- 4. consent

async function consent(notice) {
  show('consent', h('h1', null, 'Termo de consentimento'), h('p', { class: 'muted' }, 'Carregando o termo…'));
  let text;
  try {
    text = await current(api.get('/api/v1/consents/current'));
  } catch (e) {
    return problem(e, { retry: () => consent(notice) });
  }
  if (text === undefined) return;
  flow.consent = text;
  show('consent',
    h('h1', null, 'Termo de consentimento'),
    notice ? h('p', { class: 'notice notice-warn', role: 'alert' }, notice) : null,
    h('p', { class: 'lead' }, 'Para emitir sua senha, precisamos do seu aceite. Leia o termo:'),
    h('div', { class: 'consent-text', tabindex: '0', role: 'region', 'aria-label': 'Texto do termo', 'data-testid': 'consent-text' },
      String(text.text).split(/\n{2,}/).map((p) => h('p', null, p))),
    h('p', { class: 'muted' }, `Versão ${text.version}`),
    h('div', { class: 'actions' },
      button('Não aceito', refused, { testid: 'refuse' }),
      button('Li e aceito', () => buy(), { primary: true, testid: 'accept' })));
}

function refused() {
  generation++;
  stopTimers();
  flow = null;
  idle.stop();
  outbox.abandon();
  show('refused',
    h('h1', null, 'Tudo bem!'),
    h('p', { class: 'lead' }, 'Sem o seu aceite não podemos emitir a senha. Seus dados foram apagados deste totem.'),
    h('p', null, 'Se mudar de ideia, é só começar de novo. Obrigado pela visita!'),
    h('div', { class: 'actions' }, button('Voltar ao início', () => reset(), { primary: true, testid: 'to-start' })));
  later(() => reset(), GOODBYE_MS);
}

// ---------------------------------------------------------------- 5. the ticket and the Pix

async function buy() {
  const c = flow.customer;
  const body = {
    serviceId: flow.service.id,
    customer: { name: c.name, cpf: maskCpf(c.cpf), phone: maskPhone(c.phone) },
    consent: { version: flow.consent.version, accepted: true },
  };
  flow.ticketKey ??= newIdempotencyKey(); // one key for this purchase, whatever happens to the network
  waiting('Gerando sua senha…');
  let ticket;
  try {
    ticket = await current(outbox.send('/api/v1/tickets', body, flow.ticketKey));
  } catch (e) {
    if (!flow) return;
    const fields = fieldProblems(e);
    if (Object.keys(fields).length) return data(fields);
    if (e instanceof ApiError && e.code === 'consent-outdated') return consent(explain(e).text);
    if (e instanceof ApiError && (e.code === 'unknown-service' || e.status === 404)) {
      return problem(e, { back: true });
    }
    return problem(e, { retry: () => buy() });
  }
  if (ticket === undefined || !flow) return;
  flow.ticket = ticket;
  flow.customer = null; // sent: the kiosk no longer needs the name, CPF or phone
  pay();
}

function waiting(text) {
  show('waiting',
    h('h1', null, text),
    h('div', { class: 'spinner', 'aria-hidden': 'true' }),
    h('p', { class: 'muted', 'data-testid': 'waiting-network', hidden: offlineBanner.hidden },
      'Sem conexão no momento. Seu pedido será enviado assim que a conexão voltar.'));
  const hint = screen.querySelector('[data-testid="waiting-network"]');
  every(() => { hint.hidden = offlineBanner.hidden; }, 500);
}

async function pay() {
  waiting('Gerando o Pix…');
  const ticketId = flow.ticket.id;
  let link;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      flow.linkKey ??= newIdempotencyKey();
      link = await current(outbox.send('/api/v1/payments/link', { ticketId }, flow.linkKey));
      flow.linkKey = null;
      if (link === undefined) return;
      if (link.status === 'PENDING' || !link.pixCopiaECola) { // 202: the bank is still creating it
        await current(sleep(1000));
        continue;
      }
      break;
    } catch (e) {
      flow && (flow.linkKey = null);
      if (!flow) return;
      // ticket.created may still be on its way to payment-service
      if (e instanceof ApiError && e.status === 404 && Date.now() < deadline) {
        await current(sleep(1000));
        if (!flow) return;
        continue;
      }
      if (e instanceof ApiError && e.code === 'ticket-not-pending') return follow();
      if (e instanceof ApiError && e.code === 'psp-unavailable') return bankDown(e);
      return problem(e, { retry: () => pay() });
    }
  }
  flow.link = link;
  pixScreen();
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function bankDown(error) {
  const manual = error.problem?.manualPaymentAvailable === true;
  problem(error, {
    retry: () => pay(),
    extra: manual ? [button('Pagar no balcão', counter, { testid: 'pay-at-counter' })] : [],
  });
}

function pixScreen() {
  // the customer pays on the phone without touching the kiosk: the charge's own expiry ends this screen
  idle.stop();
  const link = flow.link;
  const expiresAt = Date.parse(link.expiresAt);
  const left = h('span', { class: 'countdown', 'data-testid': 'countdown' }, countdown(expiresAt - Date.now()));
  show('pay',
    h('h1', null, 'Pague com Pix'),
    h('p', { class: 'amount', 'data-testid': 'amount' }, brl(link.amountCents)),
    h('div', { class: 'pix' },
      h('img', { class: 'qr', src: 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(link.qrSvg), alt: 'QR code do Pix', 'data-testid': 'pix-qr' }),
      h('ol', { class: 'steps' },
        h('li', null, 'Abra o app do seu banco.'),
        h('li', null, 'Escolha Pix e “Ler QR code”.'),
        h('li', null, 'Aponte a câmera para o código ao lado e confirme.'))),
    h('p', { class: 'expires' }, 'O código expira em ', left),
    h('details', { class: 'copy' },
      h('summary', null, 'Pix copia e cola'),
      h('p', { class: 'code', 'data-testid': 'pix-code' }, link.pixCopiaECola)),
    h('p', { class: 'muted' }, 'Assim que o pagamento for confirmado, esta tela avança sozinha.'),
    h('div', { class: 'actions' },
      button('Cancelar compra', cancelled, { testid: 'cancel', kind: 'btn-danger' }),
      // the studio also takes payment at the counter: the open Pix is taken over there when the payment is recorded
      link.manualPaymentAvailable === true ? button('Pagar no balcão', counter, { testid: 'pay-at-counter' }) : null));
  every(() => {
    const ms = expiresAt - Date.now();
    left.textContent = countdown(ms);
    if (ms <= 0) follow(true);
  }, 1000);
  every(() => follow(), POLL_MS);
}

/** Looks at the ticket: paid → done; expired → the end; still pending → keep waiting. */
let following = false;
async function follow(timeIsUp = false) {
  if (following || !flow?.ticket) return;
  following = true;
  try {
    const ticket = await current(api.get(`/api/v1/tickets/${flow.ticket.id}`));
    if (ticket === undefined || !flow) return;
    flow.ticket = ticket;
    if (ticket.number && !['PENDING_PAYMENT', 'EXPIRED', 'CANCELLED'].includes(ticket.status)) return done();
    if (ticket.status === 'EXPIRED' || ticket.status === 'CANCELLED' || timeIsUp) return expired();
  } catch (e) {
    // offline or a hiccup: the next poll tries again (a payment made meanwhile is found then)
    if (e instanceof ApiError && e.status === 401) return;
    if (timeIsUp && flow && Date.parse(flow.link?.expiresAt) + 60_000 < Date.now()) expired();
  } finally {
    following = false;
  }
}

function expired() {
  generation++;
  stopTimers();
  flow = null;
  idle.stop();
  outbox.abandon();
  show('expired',
    h('h1', null, 'O tempo para pagar acabou'),
    h('p', { class: 'lead' }, 'O código Pix expirou e nenhum valor foi cobrado.'),
    h('p', null, 'Se quiser, comece de novo.'),
    h('div', { class: 'actions' }, button('Voltar ao início', () => reset(), { primary: true, testid: 'to-start' })));
  later(() => reset(), GOODBYE_MS);
}

function cancelled() {
  generation++;
  stopTimers();
  flow = null;
  idle.stop();
  outbox.abandon();
  show('cancelled',
    h('h1', null, 'Compra cancelada'),
    h('p', { class: 'lead' }, 'Nada foi cobrado. Seus dados foram apagados deste totem.'),
    h('div', { class: 'actions' }, button('Voltar ao início', () => reset(), { primary: true, testid: 'to-start' })));
  later(() => reset(), GOODBYE_MS);
}

function counter() {
  stopTimers(); // from the Pix screen: its countdown and polling end here
  idle.stop();
  const t = flow.ticket;
  const code = String(t.id).slice(0, 8).toUpperCase();
  show('counter',
    h('h1', null, 'Pague no balcão'),
    h('p', { class: 'lead' }, 'Dirija-se ao balcão de atendimento e informe este código:'),
    h('p', { class: 'counter-code', 'data-testid': 'counter-code' }, code),
    h('p', null, `${flow.service.name} · ${brl(flow.service.priceCents)}`),
    h('p', { class: 'muted' }, 'Quando o pagamento for registrado, sua senha aparece aqui e é impressa.'),
    h('div', { class: 'actions' }, button('Concluir', () => reset(), { primary: true, testid: 'to-start' })));
  every(() => follow(), POLL_MS);
  later(() => reset(), 5 * 60_000); // the customer went to the counter: the next one may come
}

// ---------------------------------------------------------------- 6. done

function done() {
  stopTimers();
  idle.stop();
  const t = flow.ticket;
  const printed = h('p', { class: 'notice notice-warn print-status', role: 'status', 'data-testid': 'print-status', 'data-print': 'PENDING' },
    'Imprimindo seu ticket…');
  show('done',
    h('h1', null, 'Pagamento confirmado!'),
    h('p', { class: 'label' }, 'Sua senha'),
    h('p', { class: 'number', 'data-testid': 'number' }, t.number),
    h('p', { class: 'lead' }, t.serviceName),
    printed,
    t.statusToken ? h('div', { class: 'status-qr' },
      h('img', { src: `/t/${encodeURIComponent(t.statusToken)}/qr.svg`, alt: 'QR code para acompanhar sua senha no celular', 'data-testid': 'status-qr' }),
      h('p', null, 'Acompanhe sua vez pelo celular: aponte a câmera para o código.')) : null,
    h('p', null, 'Aguarde ser chamado no painel.'),
    h('div', { class: 'actions' }, button('Concluir', () => reset(), { primary: true, testid: 'finish' })));
  flow.customer = null;
  const since = Date.now();
  const look = async () => {
    let jobs;
    try {
      jobs = await current(api.get(`/api/v1/print-jobs?ticketId=${encodeURIComponent(t.id)}`));
    } catch {
      jobs = null;
    }
    if (jobs === undefined) return;
    const job = Array.isArray(jobs) ? jobs[jobs.length - 1] : null;
    const status = job?.status;
    if (status === 'PRINTED') {
      printed.className = 'notice notice-ok print-status';
      printed.dataset.print = 'PRINTED';
      printed.textContent = 'Retire seu ticket logo abaixo.';
      return;
    }
    if (status === 'FAILED' || Date.now() - since > PRINT_WAIT_MS) {
      printed.className = 'notice notice-error print-status';
      printed.dataset.print = 'FAILED';
      printed.textContent = 'Não foi possível imprimir o ticket. Anote sua senha ou fotografe esta tela; '
        + 'ela vale do mesmo jeito. Se precisar do papel, peça no balcão.';
      return;
    }
    later(look, 1500);
  };
  look();
  later(() => reset(), DONE_MS);
}

// ---------------------------------------------------------------- boot

document.addEventListener('contextmenu', (e) => e.preventDefault()); // long press shows no menu
setOnline(true);
outbox.flush().catch(() => {});
// a paired kiosk starts at once: its token is refreshed when it nears expiry or is refused (401)
if (session.paired) start();
else setup();
