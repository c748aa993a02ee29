// The page the QR on the ticket opens (/t/<statusToken>): number, service, status, position and
// estimated wait, refreshed by itself. It reads only the public endpoint, which carries no personal
// data; an unknown or expired token gets a plain page.

import { NetworkError, ApiError, requestJson } from '/shared/api.js';
import { h, replace } from '/shared/dom.js';
import { minutes, timeBR } from '/shared/format.js';

const EVERY_MS = 5_000;          // while the ticket is active
const NOT_FOUND_RETRY_MS = 10_000; // a ticket just paid may not be in the queue yet
const NOT_FOUND_TRIES = 6;
const FINAL = new Set(['COMPLETED', 'NO_SHOW', 'CANCELLED']);

const app = document.getElementById('app');
const offline = document.getElementById('offline');
const token = decodeURIComponent(location.pathname.split('/')[2] ?? '');
let timer = null;
let notFound = 0;

function stateOf(s) {
  switch (s.status) {
    case 'WAITING':
      return { css: 'state-waiting', text: 'Aguardando ser chamado' };
    case 'CALLED':
      return { css: 'state-called', text: s.stationName ? `Chamado! Dirija-se a ${s.stationName}` : 'Chamado! Dirija-se ao atendimento' };
    case 'IN_SERVICE':
      return { css: 'state-service', text: s.stationName ? `Em atendimento — ${s.stationName}` : 'Em atendimento' };
    case 'COMPLETED':
      return { css: 'state-done', text: 'Atendimento concluído. Obrigado!' };
    case 'NO_SHOW':
      return { css: 'state-done', text: 'Sua senha foi chamada e não houve resposta. Procure o balcão.' };
    case 'CANCELLED':
      return { css: 'state-done', text: 'Esta senha foi cancelada. Procure o balcão.' };
    default:
      return { css: 'state-waiting', text: 'Aguardando' };
  }
}

function details(s) {
  const items = [];
  if (s.status === 'WAITING' && s.position) {
    items.push(s.position === 1 ? 'Você é o próximo da fila.'
      : `Posição na fila: ${s.position}º (${s.position - 1} ${s.position - 1 === 1 ? 'pessoa' : 'pessoas'} na sua frente)`);
  }
  if (s.status === 'WAITING' && s.estimatedWaitMinutes !== null && s.estimatedWaitMinutes !== undefined) {
    items.push(`Espera estimada: ${s.estimatedWaitMinutes < 1 ? 'menos de 1 min' : 'cerca de ' + minutes(s.estimatedWaitMinutes)}`);
  }
  return items;
}

function render(s) {
  document.title = `Senha ${s.number} — ${stateOf(s).text}`;
  const st = stateOf(s);
  replace(app,
    h('p', { class: 'label' }, 'Sua senha'),
    h('h1', { class: 'number', 'data-testid': 'number' }, s.number),
    h('p', { class: 'service' }, s.serviceName),
    h('p', { class: ['state', st.css], 'data-testid': 'status', 'data-status': s.status }, st.text),
    h('ul', { class: 'details' }, details(s).map((t) => h('li', null, t))),
    h('p', { class: 'updated muted' }, FINAL.has(s.status) ? '' : `Atualizado às ${timeBR(Date.now())}. Esta página se atualiza sozinha.`));
}

function renderNotFound() {
  document.title = 'Senha não encontrada — Totem';
  replace(app,
    h('h1', { 'data-testid': 'not-found' }, 'Senha não encontrada'),
    h('p', null, 'Este link não corresponde a nenhuma senha ativa. Ele pode ter expirado ou estar incompleto.'),
    h('p', null, 'Confira o QR code impresso no seu ticket ou procure o balcão de atendimento.'));
}

async function poll() {
  clearTimeout(timer);
  let next = EVERY_MS;
  if (!/^[A-Za-z0-9_-]{8,128}$/.test(token)) {
    renderNotFound();
    return;
  }
  try {
    const s = await requestJson('GET', `/api/v1/public/queue/${encodeURIComponent(token)}`, { timeoutMs: 10_000 });
    offline.hidden = true;
    notFound = 0;
    render(s);
    if (FINAL.has(s.status)) return;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      offline.hidden = true;
      renderNotFound();
      if (++notFound >= NOT_FOUND_TRIES) return;
      next = NOT_FOUND_RETRY_MS;
    } else if (e instanceof NetworkError || (e instanceof ApiError && e.status >= 500)) {
      offline.hidden = false;
    } else if (e instanceof ApiError && e.status === 429) {
      next = (e.retryAfter ?? 30) * 1000;
    } else {
      renderNotFound();
      return;
    }
  }
  if (!document.hidden) timer = setTimeout(poll, next);
}

document.addEventListener('visibilitychange', () => {
  if (!document.hidden) poll();
  else clearTimeout(timer);
});
window.addEventListener('online', () => poll());
poll();
