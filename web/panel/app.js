// TV panel (/panel/): paired once as a PANEL device, then shows and speaks every call from
// /ws/panel for days — reconnects by itself, holds a bounded number of calls, says clearly when
// the server is unreachable, keeps the screen awake.

import { ApiError, createApi } from '/shared/api.js';
import { deviceSession } from '/shared/session.js';
import { connectLive } from '/shared/live.js';
import { h, replace } from '/shared/dom.js';
import { chime } from '/shared/sound.js';
import { errorText } from '/shared/forms.js';
import { pairingForm } from '/shared/pairing.js';
import { utteranceText } from './speech.js';
import { createCalls } from './calls.js';

const session = deviceSession('totem.panel');
const api = createApi({ session, onAuthLost: () => showPairing('O painel foi desconectado. Pareie de novo.') });
const app = document.getElementById('app');
const offline = document.getElementById('offline');

const calls = createCalls(6);
const colours = new Map();
let live = null;
let board = null;
let wakeLock = null;

// a revoked panel (its refresh and its secret refused) goes back to the pairing screen
session.onChange(() => {
  if (!session.signedIn && board) {
    board = null;
    showPairing('O painel foi desconectado pelo gerente. Pareie de novo.');
  }
});
start();

function start() {
  if (!session.signedIn) return showPairing();
  if (!session.hasRole('PANEL')) {
    session.forget();
    return showPairing('Este aparelho não está cadastrado como painel.');
  }
  return showBoard();
}

// ---------------------------------------------------------------- pairing

function showPairing(message) {
  live?.close();
  live = null;
  offline.hidden = true;
  const pairing = pairingForm({
    ids: { tenant: 'tenant', deviceId: 'deviceId', secret: 'secret' },
    noun: 'painel', secretLabel: 'Código secreto', submitLabel: 'Parear painel', message,
    pair: async (values) => {
      await session.pair(values);
      start();
    },
    failure: (e) => e instanceof ApiError && e.status === 401 ? 'Estúdio, identificador ou código incorretos.' : errorText(e),
  });
  replace(app, h('section', { class: 'pair' }, h('h1', null, 'Parear o painel de chamadas'),
    h('p', null, 'Use o identificador e o código criados pelo gerente em Aparelhos.'), pairing.form));
  pairing.focus();
}

// ---------------------------------------------------------------- the board

async function loadColours() {
  try {
    for (const s of await api.get('/api/v1/services')) colours.set(s.id, s.color);
    render();
  } catch {
    // colours are a nicety; the next connection tries again
  }
}

function showBoard() {
  board = { now: h('section', { class: 'now', id: 'now', 'aria-live': 'assertive', 'aria-atomic': 'true' }),
    last: h('section', { class: 'last', id: 'last', 'aria-labelledby': 'last-title' }) };
  board.root = h('div', { class: 'board' }, board.now, board.last);
  replace(app, h('h1', { class: 'visually-hidden' }, 'Painel de chamadas'), board.root);
  render();
  keepAwake();
  loadColours();
  live = connectLive('/ws/panel', {
    token: () => session.accessToken(),
    // 4403: the manager revoked the panel or gave it a new secret (session.onChange shows the pairing)
    onAuthLost: () => session.forget(),
    onStatus: (s) => {
      offline.hidden = s !== 'offline';
      board?.root.classList.toggle('stale', s === 'offline');
      if (s === 'online' && !colours.size) loadColours();
    },
    onMessage: (frame) => {
      if (frame.type === 'snapshot') {
        calls.reset(frame.calls);
        render();
        return;
      }
      if (frame.type !== 'change') return;
      const announce = calls.apply(frame);
      render();
      if (announce) {
        board.now.classList.remove('flash');
        void board.now.offsetWidth; // restart the animation
        board.now.classList.add('flash');
        speaker.say(utteranceText(announce));
      }
    },
  });
}

function colourOf(call) {
  return colours.get(call.serviceId) ?? '#6b7280';
}

/** What happened to a call after it was announced (the customer came: started, then finished). */
function stateOf(call) {
  if (call.status === 'IN_SERVICE') return 'Em atendimento';
  if (call.status === 'COMPLETED') return 'Atendida';
  return '';
}

function render() {
  if (!board) return;
  const c = calls.current;
  if (!c) {
    replace(board.now, h('p', { class: 'idle' }, 'Aguardando a próxima chamada'));
    board.now.style.borderTopColor = '';
    delete board.now.dataset.status;
  } else {
    replace(board.now,
      h('p', { class: 'label' }, 'Senha'),
      h('p', { class: 'number', id: 'now-number' }, c.number),
      h('p', { class: 'station', id: 'now-station' }, c.stationName ?? ''),
      h('p', { class: 'service' }, c.serviceName ?? ''),
      h('p', { class: 'state', id: 'now-state' }, stateOf(c)));
    board.now.style.borderTopColor = colourOf(c);
    board.now.dataset.status = c.status ?? 'CALLED';
  }
  const items = calls.previous.map((p) => {
    const state = stateOf(p);
    const li = h('li', { dataset: { number: p.number, status: p.status ?? 'CALLED' } }, h('span', null, p.number),
      h('span', { class: 'st' }, p.stationName ?? '', state ? h('small', null, state) : null));
    li.style.borderLeftColor = colourOf(p);
    return li;
  });
  replace(board.last, h('h2', { id: 'last-title' }, 'Últimas chamadas'),
    items.length ? h('ol', { id: 'last-list' }, items) : h('p', { class: 'muted-light' }, '—'));
}

// ---------------------------------------------------------------- voice

/**
 * Says calls one after another (chime, then the sentence) with a bounded queue: when calls pile
 * up faster than they can be said, the oldest unsaid ones are dropped (the screen shows them).
 */
const speaker = (() => {
  const MAX = 3;
  const queue = [];
  let speaking = false;

  async function next() {
    if (speaking || !queue.length) return;
    speaking = true;
    const text = queue.shift();
    try {
      await chime();
      await speak(text);
    } finally {
      speaking = false;
      next();
    }
  }

  function speak(text) {
    const synth = globalThis.speechSynthesis;
    if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return Promise.resolve();
    return new Promise((resolve) => {
      const u = new SpeechSynthesisUtterance(text);
      u.lang = 'pt-BR';
      u.rate = 0.9;
      const voice = synth.getVoices?.().find((v) => v.lang?.replace('_', '-').toLowerCase() === 'pt-br');
      if (voice) u.voice = voice;
      const done = () => { clearTimeout(guard); resolve(); };
      // a voice that never reports its end must not stop the panel from speaking again
      const guard = setTimeout(done, 10_000);
      u.onend = done;
      u.onerror = done;
      synth.speak(u);
    });
  }

  return {
    say(text) {
      queue.push(text);
      while (queue.length > MAX) queue.shift();
      next();
    },
  };
})();

// ---------------------------------------------------------------- screen awake

async function keepAwake() {
  if (!('wakeLock' in navigator) || wakeLock) return;
  try {
    wakeLock = await navigator.wakeLock.request('screen');
    wakeLock.addEventListener('release', () => { wakeLock = null; });
  } catch {
    wakeLock = null; // not allowed now (hidden tab, no gesture): tried again when visible
  }
}

document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && board) keepAwake();
});
