// Manager console (/admin/): catalog, stations, users, devices (create, pair, revoke), printers,
// tickets of the day (cancel with refund), LGPD export and anonymisation, reports.

import { ApiError, createApi, newIdempotencyKey } from '/shared/api.js';
import { userSession } from '/shared/session.js';
import { h, clear, replace } from '/shared/dom.js';
import { brl, dateBR, digits, isValidCpf, maskCpf, timeBR } from '/shared/format.js';
import { errorText, fieldError, setFieldErrors } from '/shared/forms.js';
import { buildForm, confirmDialog, table } from './form.js';
import { reportsPage } from './reports.js';

const MANAGERS = ['MANAGER', 'ADMIN'];
const TENANT_KEY = 'totem.admin.tenant';
const session = userSession('totem.admin');
const api = createApi({ session, onAuthLost: () => showLogin('Sua sessão terminou. Entre de novo.') });

const app = document.getElementById('app');
const nav = document.getElementById('nav');
const who = document.getElementById('who');

const PAGES = [
  ['catalogo', 'Catálogo', catalogPage],
  ['estacoes', 'Estações', stationsPage],
  ['usuarios', 'Usuários', usersPage],
  ['aparelhos', 'Aparelhos', devicesPage],
  ['impressoras', 'Impressoras', printersPage],
  ['senhas', 'Senhas do dia', ticketsPage],
  ['clientes', 'Clientes (LGPD)', customersPage],
  ['relatorios', 'Relatórios', (el) => reportsPage(el, api, session)],
];

const STATUS = {
  PENDING_PAYMENT: 'Aguardando pagamento', PAID: 'Paga (na fila)', CALLED: 'Chamada', IN_SERVICE: 'Em atendimento',
  COMPLETED: 'Finalizada', NO_SHOW: 'Não compareceu', CANCELLED: 'Cancelada', EXPIRED: 'Expirada',
};
const ROLES = [['OPERATOR', 'Operador'], ['MANAGER', 'Gerente'], ['ADMIN', 'Administrador']];

window.addEventListener('hashchange', route);
start();

function start() {
  if (!session.signedIn) return showLogin();
  if (!session.roles.some((r) => MANAGERS.includes(r))) {
    session.forget();
    return showLogin('Este console é só para gerentes e administradores.');
  }
  return route();
}

function header() {
  clear(nav);
  if (!session.signedIn) {
    who.textContent = '';
    return;
  }
  who.textContent = session.name ?? '';
  const current = (location.hash.slice(1) || PAGES[0][0]);
  for (const [key, label] of PAGES) {
    nav.append(h('a', { href: '#' + key, class: 'tab', 'aria-current': key === current ? 'page' : null }, label));
  }
  nav.append(h('button', { type: 'button', onclick: logout }, 'Sair'));
}

async function logout() {
  await session.logout();
  showLogin('Você saiu.');
}

function route() {
  if (!session.signedIn) return showLogin();
  header();
  const key = location.hash.slice(1) || PAGES[0][0];
  const page = PAGES.find((p) => p[0] === key) ?? PAGES[0];
  const section = h('section', { class: 'page', id: 'page-' + page[0], 'aria-labelledby': 'page-title' });
  replace(app, h('h2', { id: 'page-title' }, page[1]), section);
  app.focus({ preventScroll: true });
  page[2](section);
}

function failure(el, e, retry) {
  replace(el, h('p', { class: 'notice notice-error', role: 'alert' }, errorText(e)),
    retry ? h('button', { type: 'button', onclick: retry }, 'Tentar de novo') : null);
}

function notice(el, text, kind = 'ok') {
  el.prepend(h('p', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text));
}

// ---------------------------------------------------------------- login

function showLogin(message) {
  header();
  const form = buildForm({
    id: 'login', submitLabel: 'Entrar',
    values: { tenant: localStorage.getItem(TENANT_KEY) ?? '' },
    fields: [
      { name: 'tenant', label: 'Estúdio', required: true, requiredMessage: 'Informe o estúdio.' },
      { name: 'username', label: 'Usuário', required: true, requiredMessage: 'Informe o usuário.', attrs: { autocomplete: 'username', autocapitalize: 'none' } },
      { name: 'password', label: 'Senha', type: 'password', required: true, requiredMessage: 'Informe a senha.', attrs: { autocomplete: 'current-password' } },
    ],
    onSubmit: async (v) => {
      try {
        await session.login(v);
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) throw new ApiError(401, { detail: 'Usuário ou senha incorretos.' });
        throw e;
      }
      localStorage.setItem(TENANT_KEY, v.tenant);
      if (!session.roles.some((r) => MANAGERS.includes(r))) {
        await session.logout();
        throw new ApiError(403, { detail: 'Este console é só para gerentes e administradores.' });
      }
      location.hash = '#catalogo';
      route();
    },
  });
  replace(app, h('section', { class: 'card' }, h('h2', null, 'Entrar no console do gerente'),
    message ? h('p', { class: 'notice notice-warn', role: 'status' }, message) : null, form));
  form.querySelector('input').focus();
}

// ---------------------------------------------------------------- catalog

function reaisToCents(text) {
  const m = /^(\d{1,6})(?:,(\d{1,2}))?$/.exec(String(text).replace(/^R\$\s*/, '').replace(/\./g, ''));
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0')) : null;
}

function centsToReais(cents) {
  return (cents / 100).toFixed(2).replace('.', ',');
}

async function catalogPage(el) {
  let list;
  try {
    list = await api.get('/api/v1/services');
  } catch (e) {
    return failure(el, e, () => catalogPage(el));
  }
  const formBox = h('div', { class: 'card', id: 'service-form-box' });
  const edit = (s) => {
    replace(formBox, h('h3', null, s ? `Editar ${s.name}` : 'Novo serviço'), buildForm({
      id: 'service-form', submitLabel: s ? 'Salvar serviço' : 'Adicionar serviço',
      values: s ? { ...s, priceCents: centsToReais(s.priceCents) } : { color: '#1565C0', active: true, displayOrder: list.length + 1 },
      fields: [
        { name: 'name', label: 'Nome', required: true, validate: (v) => (v.length < 2 || v.length > 80 ? 'O nome deve ter de 2 a 80 caracteres.' : null) },
        { name: 'description', label: 'Descrição', type: 'textarea', validate: (v) => (v.length > 500 ? 'No máximo 500 caracteres.' : null) },
        { name: 'priceCents', label: 'Preço (R$)', required: true, hint: 'Ex.: 60,00', attrs: { inputmode: 'decimal' },
          validate: (v) => (reaisToCents(v) === null ? 'Informe o preço como 60,00.' : null) },
        { name: 'durationMinutes', label: 'Duração (minutos)', type: 'number', required: true, attrs: { min: 1, max: 600 },
          validate: (v) => (!/^\d+$/.test(v) || v < 1 || v > 600 ? 'A duração deve ser de 1 a 600 minutos.' : null) },
        { name: 'prefix', label: 'Prefixo da senha', required: true, hint: '1 a 3 letras maiúsculas, ex.: G', attrs: { maxlength: 3, autocapitalize: 'characters' },
          validate: (v) => (/^[A-Z]{1,3}$/.test(v) ? null : 'Use de 1 a 3 letras maiúsculas, sem acento.') },
        { name: 'color', label: 'Cor', type: 'color', required: true },
        { name: 'displayOrder', label: 'Ordem no totem', type: 'number', attrs: { min: 0 },
          validate: (v) => (/^\d+$/.test(v) ? null : 'Use um número a partir de 0.') },
        { name: 'active', label: 'Ativo (à venda no totem)', type: 'checkbox' },
      ],
      onSubmit: async (v) => {
        const body = { ...v, priceCents: reaisToCents(v.priceCents), durationMinutes: Number(v.durationMinutes),
          displayOrder: v.displayOrder === '' ? 0 : Number(v.displayOrder), description: v.description || null };
        if (s) await api.put(`/api/v1/services/${s.id}`, body);
        else await api.post('/api/v1/services', body);
        await catalogPage(el);
        notice(el, s ? `Serviço ${v.name} salvo.` : `Serviço ${v.name} adicionado.`);
      },
      onCancel: s ? () => edit(null) : null,
    }));
  };
  const columns = [
    { label: 'Cor', cell: (s) => h('span', { class: 'swatch', style: { background: s.color }, role: 'img', 'aria-label': `cor ${s.color}` }) },
    { label: 'Nome', cell: (s) => s.name },
    { label: 'Prefixo', cell: (s) => s.prefix },
    { label: 'Preço', cell: (s) => brl(s.priceCents) },
    { label: 'Duração', cell: (s) => `${s.durationMinutes} min` },
    { label: 'Situação', cell: (s) => (s.active ? 'Ativo' : 'Desativado') },
    { label: 'Ações', cell: (s) => h('div', { class: 'row' },
      h('button', { type: 'button', onclick: () => { edit(s); formBox.scrollIntoView(); } }, 'Editar'),
      s.active ? h('button', { type: 'button', class: 'btn-danger', onclick: async () => {
        if (!(await confirmDialog({ title: `Desativar ${s.name}?`, body: 'O totem deixa de vender este serviço. As senhas já vendidas continuam.', confirmLabel: 'Desativar', danger: true }))) return;
        try {
          await api.del(`/api/v1/services/${s.id}`);
          await catalogPage(el);
          notice(el, `Serviço ${s.name} desativado.`);
        } catch (e) {
          notice(el, errorText(e), 'error');
        }
      } }, 'Desativar') : null) },
  ];
  replace(el, table(columns, list, 'Nenhum serviço cadastrado.', { id: 'services-table' }), formBox);
  edit(null);
}

// ---------------------------------------------------------------- stations

async function stationsPage(el) {
  let stations;
  let services;
  try {
    [stations, services] = await Promise.all([api.get('/api/v1/stations'), api.get('/api/v1/services')]);
  } catch (e) {
    return failure(el, e, () => stationsPage(el));
  }
  const name = new Map(services.map((s) => [s.id, s.name]));
  const formBox = h('div', { class: 'card' });
  const edit = (st) => {
    replace(formBox, h('h3', null, st ? `Editar ${st.name}` : 'Nova estação'), buildForm({
      id: 'station-form', submitLabel: st ? 'Salvar estação' : 'Adicionar estação', values: st ?? {},
      fields: [
        { name: 'name', label: 'Nome', required: true, hint: 'Como o painel anuncia, ex.: Banheira 2',
          validate: (v) => (v.length > 60 ? 'No máximo 60 caracteres.' : null) },
        { name: 'serviceIds', label: 'Serviços atendidos', type: 'checks', hint: 'Nenhum marcado: atende todos.',
          options: services.map((s) => [s.id, s.name]) },
      ],
      onSubmit: async (v) => {
        if (st) await api.put(`/api/v1/stations/${st.id}`, v);
        else await api.post('/api/v1/stations', v);
        await stationsPage(el);
        notice(el, `Estação ${v.name} salva.`);
      },
      onCancel: st ? () => edit(null) : null,
    }));
  };
  replace(el, table([
    { label: 'Nome', cell: (s) => s.name },
    { label: 'Serviços', cell: (s) => (s.serviceIds.length ? s.serviceIds.map((id) => name.get(id) ?? '?').join(', ') : 'Todos') },
    { label: 'Situação', cell: (s) => (s.active ? 'Ativa' : 'Desativada') },
    { label: 'Ações', cell: (s) => h('div', { class: 'row' },
      h('button', { type: 'button', onclick: () => edit(s) }, 'Editar'),
      s.active ? h('button', { type: 'button', class: 'btn-danger', onclick: async () => {
        if (!(await confirmDialog({ title: `Desativar ${s.name}?`, body: 'Operadores deixam de poder abrir atendimento nela.', confirmLabel: 'Desativar', danger: true }))) return;
        try {
          await api.del(`/api/v1/stations/${s.id}`);
          await stationsPage(el);
        } catch (e) {
          notice(el, errorText(e), 'error');
        }
      } }, 'Desativar') : null) },
  ], stations, 'Nenhuma estação cadastrada.', { id: 'stations-table' }), formBox);
  edit(null);
}

// ---------------------------------------------------------------- users

async function usersPage(el) {
  let users;
  try {
    users = await api.get('/api/v1/users');
  } catch (e) {
    return failure(el, e, () => usersPage(el));
  }
  const roles = ROLES.filter(([r]) => r !== 'ADMIN' || session.hasRole('ADMIN'));
  const pin = (v) => (/^\d{4,8}$/.test(v) ? null : 'O PIN tem de 4 a 8 números.');
  const password = (v) => (v.length < 8 ? 'A senha deve ter ao menos 8 caracteres.' : null);
  const formBox = h('div', { class: 'card' });
  const edit = (u) => {
    const fields = u
      ? [
        { name: 'displayName', label: 'Nome', required: true },
        { name: 'roles', label: 'Papéis', type: 'checks', options: roles, required: true, requiredMessage: 'Escolha ao menos um papel.' },
        { name: 'password', label: 'Nova senha (deixe vazio para manter)', type: 'password', validate: password, attrs: { autocomplete: 'new-password' } },
        { name: 'pin', label: 'Novo PIN (deixe vazio para manter)', type: 'password', validate: pin, attrs: { inputmode: 'numeric', autocomplete: 'off' } },
        { name: 'active', label: 'Ativo', type: 'checkbox' },
      ]
      : [
        { name: 'username', label: 'Usuário', required: true, hint: 'Letras, números, ponto, hífen ou sublinhado',
          validate: (v) => (/^[A-Za-z0-9._-]{1,64}$/.test(v) ? null : 'Use só letras, números, . _ ou -.') },
        { name: 'displayName', label: 'Nome', required: true },
        { name: 'roles', label: 'Papéis', type: 'checks', options: roles, required: true, requiredMessage: 'Escolha ao menos um papel.' },
        { name: 'password', label: 'Senha', type: 'password', required: true, validate: password, attrs: { autocomplete: 'new-password' } },
        { name: 'pin', label: 'PIN (operadores entram com ele no tablet)', type: 'password', validate: pin, attrs: { inputmode: 'numeric', autocomplete: 'off' } },
      ];
    replace(formBox, h('h3', null, u ? `Editar ${u.username}` : 'Novo usuário'), buildForm({
      id: 'user-form', submitLabel: u ? 'Salvar usuário' : 'Adicionar usuário', values: u ?? { roles: ['OPERATOR'] }, fields,
      onSubmit: async (v) => {
        const body = { ...v };
        if (!body.password) delete body.password;
        if (!body.pin) delete body.pin;
        if (u) await api.put(`/api/v1/users/${u.id}`, body);
        else await api.post('/api/v1/users', body);
        await usersPage(el);
        notice(el, `Usuário ${u?.username ?? v.username} salvo.`);
      },
      onCancel: u ? () => edit(null) : null,
    }));
  };
  const label = new Map(ROLES);
  replace(el, table([
    { label: 'Usuário', cell: (u) => u.username },
    { label: 'Nome', cell: (u) => u.displayName },
    { label: 'Papéis', cell: (u) => u.roles.map((r) => label.get(r) ?? r).join(', ') },
    { label: 'PIN', cell: (u) => (u.hasPin ? 'Sim' : 'Não') },
    { label: 'Situação', cell: (u) => (u.active ? 'Ativo' : 'Desativado') },
    { label: 'Ações', cell: (u) => h('div', { class: 'row' },
      h('button', { type: 'button', onclick: () => edit(u) }, 'Editar / redefinir'),
      u.active ? h('button', { type: 'button', class: 'btn-danger', onclick: async () => {
        if (!(await confirmDialog({ title: `Desativar ${u.username}?`, body: 'O acesso termina agora em todos os aparelhos.', confirmLabel: 'Desativar', danger: true }))) return;
        try {
          await api.put(`/api/v1/users/${u.id}`, { active: false });
          await usersPage(el);
          notice(el, `Usuário ${u.username} desativado.`);
        } catch (e) {
          notice(el, errorText(e), 'error');
        }
      } }, 'Desativar') : null) },
  ], users, 'Nenhum usuário.', { id: 'users-table' }), formBox);
  edit(null);
}

// ---------------------------------------------------------------- devices

function newSecret() {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_');
}

function pairingCard(device, secret) {
  const app = { PANEL: 'panel', KIOSK: 'kiosk', STAFF_DEVICE: 'operator' }[device.kind] ?? 'kiosk';
  const url = `${location.origin}/${app}/?tenant=${encodeURIComponent(session.tenant ?? '')}&device=${encodeURIComponent(device.deviceId)}`;
  return h('div', { class: 'notice notice-ok', id: 'pairing', role: 'status' },
    h('p', null, h('strong', null, `Pareamento de ${device.name}`)),
    h('p', null, 'Abra no aparelho: ', h('code', { id: 'pairing-url' }, url)),
    h('p', null, 'Estúdio: ', h('code', null, session.tenant ?? ''), ' · Identificador: ', h('code', null, device.deviceId)),
    h('p', null, device.kind === 'STAFF_DEVICE' ? 'Código de pareamento (aparece só agora): ' : 'Código secreto (aparece só agora): ',
      h('code', { id: 'pairing-secret' }, secret)));
}

async function devicesPage(el) {
  let devices;
  let printers = [];
  try {
    devices = await api.get('/api/v1/devices');
    printers = await api.get('/api/v1/printers').catch(() => []);
  } catch (e) {
    return failure(el, e, () => devicesPage(el));
  }
  const formBox = h('div', { class: 'card' });
  const shown = h('div');
  const printerOptions = [['', 'Nenhuma'], ...printers.map((p) => [p.id, p.name])];
  replace(formBox, h('h3', null, 'Novo aparelho'), buildForm({
    id: 'device-form', submitLabel: 'Criar aparelho', values: { kind: 'PANEL', secret: newSecret() },
    fields: [
      { name: 'kind', label: 'Tipo', type: 'select', options: [['PANEL', 'Painel de TV'], ['KIOSK', 'Totem de autoatendimento'],
        ['STAFF_DEVICE', 'Tablet da equipe (PIN dos operadores)']] },
      { name: 'deviceId', label: 'Identificador', required: true, hint: 'Ex.: painel-recepcao, tablet-balcao',
        validate: (v) => (/^[A-Za-z0-9._-]{1,64}$/.test(v) ? null : 'Use só letras, números, . _ ou -.') },
      { name: 'name', label: 'Nome', required: true },
      { name: 'secret', label: 'Código secreto', required: true, hint: 'Gerado ao acaso; anote ou use o link de pareamento.',
        validate: (v) => (v.length < 8 ? 'O código deve ter ao menos 8 caracteres.' : null), attrs: { autocomplete: 'off' } },
      { name: 'printerId', label: 'Impressora (totens)', type: 'select', options: printerOptions },
    ],
    onSubmit: async (v) => {
      const created = await api.post('/api/v1/devices', { ...v, printerId: v.printerId || null });
      await devicesPage(el);
      el.prepend(pairingCard(created, v.secret));
    },
  }));
  const revoke = async (d) => {
    if (!(await confirmDialog({ title: `Revogar ${d.name}?`, body: 'O aparelho perde o acesso agora e precisa ser pareado de novo.', confirmLabel: 'Revogar', danger: true }))) return;
    try {
      await api.put(`/api/v1/devices/${encodeURIComponent(d.deviceId)}`, { active: false });
      await devicesPage(el);
      notice(el, `Aparelho ${d.name} revogado.`);
    } catch (e) {
      notice(el, errorText(e), 'error');
    }
  };
  const repair = async (d) => {
    const secret = newSecret();
    try {
      const updated = await api.put(`/api/v1/devices/${encodeURIComponent(d.deviceId)}`, { secret, active: true });
      await devicesPage(el);
      el.prepend(pairingCard(updated, secret));
    } catch (e) {
      notice(el, errorText(e), 'error');
    }
  };
  replace(el, shown, table([
    { label: 'Identificador', cell: (d) => d.deviceId },
    { label: 'Tipo', cell: (d) => ({ PANEL: 'Painel', KIOSK: 'Totem', STAFF_DEVICE: 'Tablet da equipe' })[d.kind] ?? d.kind },
    { label: 'Nome', cell: (d) => d.name },
    { label: 'Situação', cell: (d) => (d.active ? 'Ativo' : 'Revogado') },
    { label: 'Ações', cell: (d) => h('div', { class: 'row' },
      h('button', { type: 'button', onclick: () => repair(d) }, 'Parear de novo'),
      d.active ? h('button', { type: 'button', class: 'btn-danger', onclick: () => revoke(d) }, 'Revogar') : null) },
  ], devices, 'Nenhum aparelho cadastrado.', { id: 'devices-table' }), formBox);
}

// ---------------------------------------------------------------- printers

async function printersPage(el) {
  let printers;
  try {
    printers = await api.get('/api/v1/printers');
  } catch (e) {
    return failure(el, e, () => printersPage(el));
  }
  const formBox = h('div', { class: 'card' });
  replace(formBox, h('h3', null, 'Nova impressora'), buildForm({
    id: 'printer-form', submitLabel: 'Adicionar impressora', values: { connection: 'TCP', port: '9100', paperWidthMm: '80', codePage: 'CP860' },
    fields: [
      { name: 'name', label: 'Nome', required: true },
      { name: 'kioskDevice', label: 'Totem que imprime nela', hint: 'O identificador do totem, ex.: kiosk-1' },
      { name: 'connection', label: 'Conexão', type: 'select', options: [['TCP', 'Rede (ESC/POS, porta 9100)'], ['CLOUDPRNT', 'Star CloudPRNT']] },
      { name: 'host', label: 'Endereço (rede)', validate: (v, all) => (all.connection === 'TCP' && !v ? 'Informe o endereço da impressora.' : null) },
      { name: 'port', label: 'Porta (rede)', type: 'number', attrs: { min: 1, max: 65535 } },
      { name: 'codePage', label: 'Tabela de caracteres', type: 'select', options: [['CP860', 'CP860 (português)'], ['CP850', 'CP850'], ['CP858', 'CP858'], ['WPC1252', 'WPC1252']] },
      { name: 'paperWidthMm', label: 'Largura do papel', type: 'select', options: [['80', '80 mm'], ['58', '58 mm']] },
    ],
    onSubmit: async (v) => {
      const body = { ...v, port: v.connection === 'TCP' && v.port ? Number(v.port) : null, paperWidthMm: Number(v.paperWidthMm),
        host: v.connection === 'TCP' ? v.host : null, kioskDevice: v.kioskDevice || null };
      const created = await api.post('/api/v1/printers', body);
      await printersPage(el);
      if (created.cloudPrntToken) notice(el, `Token CloudPRNT (aparece só agora): ${created.cloudPrntToken}`);
      else notice(el, `Impressora ${v.name} adicionada.`);
    },
  }));
  replace(el, table([
    { label: 'Nome', cell: (p) => p.name },
    { label: 'Conexão', cell: (p) => (p.connection === 'TCP' ? `Rede ${p.host}:${p.port}` : 'CloudPRNT') },
    { label: 'Totem', cell: (p) => p.kioskDevice ?? '—' },
    { label: 'Papel', cell: (p) => `${p.paperWidthMm} mm` },
    { label: 'Ações', cell: (p) => h('button', { type: 'button', class: 'btn-danger', onclick: async () => {
      if (!(await confirmDialog({ title: `Remover ${p.name}?`, body: 'As próximas senhas deste totem saem em PDF até outra impressora ser cadastrada.', confirmLabel: 'Remover', danger: true }))) return;
      try {
        await api.del(`/api/v1/printers/${p.id}`);
        await printersPage(el);
      } catch (e) {
        notice(el, errorText(e), 'error');
      }
    } }, 'Remover') },
  ], printers, 'Nenhuma impressora cadastrada.', { id: 'printers-table' }), formBox);
}

// ---------------------------------------------------------------- tickets of the day

/**
 * Today in the studio's zone (YYYY-MM-DD): report-service's dashboard knows the tenant's business
 * day; without it, the browser's own date (the console is used at the studio).
 */
async function businessToday() {
  try {
    return (await api.get('/api/v1/dashboard')).date;
  } catch {
    return new Intl.DateTimeFormat('en-CA').format(new Date());
  }
}

async function ticketsPage(el, filters = null) {
  let services = [];
  try {
    [services, filters] = await Promise.all([api.get('/api/v1/services'),
      filters ?? businessToday().then((date) => ({ date, status: '', serviceId: '', page: 0 }))]);
  } catch (e) {
    return failure(el, e, () => ticketsPage(el, filters));
  }
  const date = h('input', { type: 'date', id: 'f-date', name: 'date', value: filters.date });
  const status = h('select', { id: 'f-status', name: 'status' }, h('option', { value: '' }, 'Todas'),
    Object.entries(STATUS).map(([k, v]) => h('option', { value: k, selected: filters.status === k }, v)));
  const service = h('select', { id: 'f-service', name: 'serviceId' }, h('option', { value: '' }, 'Todos'),
    services.map((s) => h('option', { value: s.id, selected: filters.serviceId === s.id }, s.name)));
  const results = h('div', { id: 'tickets' });
  const form = h('form', { class: 'row filters', id: 'ticket-filters' },
    h('div', { class: 'field' }, h('label', { for: 'f-date' }, 'Dia'), date),
    h('div', { class: 'field' }, h('label', { for: 'f-status' }, 'Situação'), status),
    h('div', { class: 'field' }, h('label', { for: 'f-service' }, 'Serviço'), service),
    h('button', { type: 'submit', class: 'btn-primary' }, 'Filtrar'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    load({ date: date.value, status: status.value, serviceId: service.value, page: 0 });
  });
  replace(el, form, results);

  async function load(f) {
    filters = f;
    const q = new URLSearchParams({ date: f.date, page: String(f.page), size: '50' });
    if (f.status) q.set('status', f.status);
    if (f.serviceId) q.set('serviceId', f.serviceId);
    replace(results, h('p', { class: 'muted' }, 'Carregando…'));
    let page;
    try {
      page = await api.get('/api/v1/tickets?' + q);
    } catch (e) {
      return failure(results, e, () => load(f));
    }
    replace(results,
      h('p', { class: 'muted', role: 'status' }, `${page.totalElements} senha(s) em ${dateBR(f.date + 'T12:00:00Z')}`),
      table([
        { label: 'Senha', cell: (t) => t.number ?? '—' },
        { label: 'Serviço', cell: (t) => t.transferredToServiceName ? `${t.serviceName} → ${t.transferredToServiceName}` : t.serviceName },
        { label: 'Cliente', cell: (t) => t.displayName ?? '' },
        { label: 'Situação', cell: (t) => STATUS[t.status] ?? t.status },
        { label: 'Valor', cell: (t) => brl(t.priceCents) },
        { label: 'Hora', cell: (t) => timeBR(t.paidAt ?? t.createdAt) },
        { label: 'Estação', cell: (t) => t.stationName ?? '' },
        { label: 'Ações', cell: (t) => (['PENDING_PAYMENT', 'PAID', 'CALLED'].includes(t.status)
          ? h('button', { type: 'button', class: 'btn-danger', onclick: () => cancel(t) }, 'Cancelar') : '') },
      ], page.items, 'Nenhuma senha com estes filtros.', { id: 'tickets-table' }),
      page.totalPages > 1 ? h('div', { class: 'row' },
        h('button', { type: 'button', disabled: f.page === 0, onclick: () => load({ ...f, page: f.page - 1 }) }, 'Anterior'),
        h('span', null, `Página ${f.page + 1} de ${page.totalPages}`),
        h('button', { type: 'button', disabled: f.page + 1 >= page.totalPages, onclick: () => load({ ...f, page: f.page + 1 }) }, 'Próxima')) : null);
  }

  async function cancel(t) {
    const reason = h('input', { id: 'cancel-reason', name: 'reason', maxlength: 200 });
    const body = h('div', { class: 'stack' },
      h('p', null, t.status === 'PENDING_PAYMENT' ? 'A senha ainda não foi paga.' : `O valor de ${brl(t.priceCents)} será devolvido ao cliente pelo Pix.`),
      h('div', { class: 'field' }, h('label', { for: 'cancel-reason' }, 'Motivo (3 a 200 caracteres)'), reason));
    if (!(await confirmDialog({ title: `Cancelar a senha ${t.number ?? ''}?`, body, confirmLabel: 'Cancelar senha', danger: true }))) return;
    try {
      await api.post(`/api/v1/tickets/${t.id}/cancel`, { reason: reason.value.trim() }, { idempotencyKey: newIdempotencyKey() });
      await load(filters);
      notice(results, t.status === 'PENDING_PAYMENT' ? `Senha cancelada.` : `Senha ${t.number} cancelada; o estorno foi pedido ao banco.`);
    } catch (e) {
      notice(results, e instanceof ApiError && e.fieldErrors.reason ? e.fieldErrors.reason : errorText(e), 'error');
    }
  }

  load(filters);
}

// ---------------------------------------------------------------- LGPD

function customersPage(el) {
  const cpf = h('input', { id: 'cpf', name: 'cpf', inputmode: 'numeric', autocomplete: 'off', required: true });
  cpf.addEventListener('input', () => { cpf.value = maskCpf(cpf.value); });
  const out = h('div', { id: 'lgpd-result' });
  const exportBtn = h('button', { type: 'submit', class: 'btn-primary', value: 'export' }, 'Exportar dados');
  const eraseBtn = h('button', { type: 'submit', class: 'btn-danger', value: 'erase' }, 'Anonimizar cliente');
  const form = h('form', { class: 'form', id: 'lgpd-form', novalidate: true },
    h('p', null, 'Pedidos do titular pela LGPD: acesso aos dados (exportar) ou eliminação (anonimizar). Cada ação fica registrada na auditoria.'),
    h('div', { class: 'field' }, h('label', { for: 'cpf' }, 'CPF do cliente'), cpf, fieldError('cpf')),
    h('div', { class: 'row' }, exportBtn, eraseBtn));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(out);
    const value = digits(cpf.value);
    if (setFieldErrors(form, isValidCpf(value) ? {} : { cpf: 'CPF inválido: confira os números.' })) return;
    const erase = event.submitter?.value === 'erase';
    if (!(await confirmDialog(erase
      ? { title: 'Anonimizar este cliente?', body: 'Nome, CPF e telefone serão apagados para sempre. As senhas e valores continuam nos relatórios, sem identificação.', confirmLabel: 'Anonimizar', danger: true, typeToConfirm: 'ANONIMIZAR' }
      : { title: 'Exportar os dados deste cliente?', body: 'O acesso aos dados pessoais fica registrado na auditoria.', confirmLabel: 'Exportar' }))) return;
    try {
      // the CPF goes in the body, never the URL (URLs end up in logs and traces)
      if (erase) {
        await api.post('/api/v1/customers/anonymisation', { cpf: value });
        out.append(h('p', { class: 'notice notice-ok', role: 'status' }, 'Cliente anonimizado.'));
      } else {
        const data = await api.post('/api/v1/customers/export', { cpf: value });
        const json = JSON.stringify(data, null, 2);
        const link = h('a', { class: 'btn', download: `lgpd-${value.slice(0, 3)}.json`, href: URL.createObjectURL(new Blob([json], { type: 'application/json' })) }, 'Baixar arquivo JSON');
        out.append(h('p', { class: 'notice notice-ok', role: 'status' }, 'Dados exportados.'), link, h('pre', { class: 'card', id: 'lgpd-json', tabindex: 0, 'aria-label': 'Dados exportados' }, json));
      }
    } catch (e) {
      if (e instanceof ApiError && e.fieldErrors.cpf) setFieldErrors(form, { cpf: e.fieldErrors.cpf });
      out.append(h('p', { class: 'notice notice-error', role: 'alert' }, e instanceof ApiError && e.status === 404
        ? 'Nenhum cliente com este CPF.' : errorText(e)));
    }
  });
  replace(el, form, out);
}
