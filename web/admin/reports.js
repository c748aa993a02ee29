// Reports: today's dashboard, the daily report of any day as CSV or PDF, and the nightly files
// report-service keeps, all from report-service. When the server has no reports (report-service
// answers 404, or is down) the page says they are not available: no broken link.

import { ApiError, NetworkError } from '/shared/api.js';
import { h, replace } from '/shared/dom.js';
import { brl, dateBR, timeBR } from '/shared/format.js';
import { errorText } from '/shared/forms.js';
import { table } from './form.js';

/** The day before an ISO date ("2026-12-05" → "2026-12-04"). */
export function dayBefore(iso) {
  return new Date(Date.parse(iso + 'T12:00:00Z') - 86_400_000).toISOString().slice(0, 10);
}

function unavailable(el, why) {
  replace(el, h('div', { class: 'notice notice-warn', id: 'reports-unavailable', role: 'status' },
    h('p', null, h('strong', null, 'Relatórios não disponíveis neste servidor.')),
    h('p', null, why)));
}

function sizeText(bytes) {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1).replace('.', ',')} KB`;
}

/**
 * Downloads an authenticated file (an <a href> cannot carry the bearer token): fetched as a blob,
 * then saved under `name`. Throws ApiError (with the problem) or NetworkError.
 */
async function download(session, path, name) {
  let res;
  try {
    res = await fetch(path, { headers: { Authorization: `Bearer ${await session.accessToken()}` }, cache: 'no-store' });
  } catch (e) {
    throw new NetworkError(e);
  }
  if (!res.ok) {
    let problem = {};
    try { problem = await res.json(); } catch { /* not JSON */ }
    throw new ApiError(res.status, problem);
  }
  const url = URL.createObjectURL(await res.blob());
  const a = h('a', { href: url, download: name, class: 'btn' }, `Baixar ${name}`);
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}

export async function reportsPage(el, api, session) {
  replace(el, h('p', { class: 'muted' }, 'Carregando…'));
  let d;
  let files = [];
  try {
    [d, files] = await Promise.all([api.get('/api/v1/dashboard'), api.get('/api/v1/reports/files').catch(() => [])]);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 501 || e.status === 503)) {
      return unavailable(el, 'O serviço de relatórios não respondeu com o painel do dia. Tente de novo mais tarde.');
    }
    if (e instanceof NetworkError) return unavailable(el, errorText(e));
    return replace(el, h('p', { class: 'notice notice-error', role: 'alert' }, errorText(e)));
  }
  const zone = d.zone || undefined;
  const pct = (x) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1).replace('.', ',')}%`);
  const card = (label, value, id) => h('div', { class: 'card kpi' }, h('p', { class: 'muted' }, label),
    h('p', { class: 'kpi-value', id }, value));
  const date = h('input', { type: 'date', id: 'report-date', name: 'date', value: dayBefore(d.date), max: d.date, required: true });
  const status = h('div', { id: 'report-status', role: 'status' });
  const fail = (e) => replace(status, h('p', { class: 'notice notice-error', role: 'alert' }, errorText(e)));
  const daily = async (format) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date.value)) {
      date.setAttribute('aria-invalid', 'true');
      return replace(status, h('p', { class: 'field-error', role: 'alert' }, 'Escolha o dia do relatório.'));
    }
    date.removeAttribute('aria-invalid');
    replace(status, h('p', { class: 'muted' }, 'Gerando arquivo…'));
    try {
      const name = await download(session, `/api/v1/reports/daily?date=${date.value}&format=${format}`, `relatorio-${date.value}.${format}`);
      replace(status, h('p', { class: 'notice notice-ok' }, `Arquivo ${name} baixado.`));
    } catch (e) {
      fail(e);
    }
  };
  const stored = async (f) => {
    try {
      await download(session, `/api/v1/reports/files/${encodeURIComponent(f.name)}`, f.name);
      replace(status, h('p', { class: 'notice notice-ok' }, `Arquivo ${f.name} baixado.`));
    } catch (e) {
      fail(e);
    }
  };
  replace(el,
    h('p', { class: 'muted' }, `Hoje, ${dateBR(d.date + 'T12:00:00Z', 'UTC')}, até ${timeBR(d.asOf, zone)}`),
    h('div', { class: 'kpis', id: 'dashboard' },
      card('Senhas pagas', d.paid, 'kpi-paid'), card('Atendidas', d.completed, 'kpi-completed'),
      card('Não compareceu', d.noShow, 'kpi-no-show'), card('Canceladas', d.cancelled, 'kpi-cancelled'),
      card('Na fila agora', d.queueLength, 'kpi-queue'), card('Receita líquida', brl(d.netCents), 'kpi-net'),
      card('Espera p90', d.waitP90Seconds == null ? '—' : `${Math.round(d.waitP90Seconds / 60)} min`, 'kpi-wait'),
      card('Taxa de não comparecimento', pct(d.noShowRate), 'kpi-no-show-rate')),
    d.queue?.length ? h('section', { class: 'card', 'aria-labelledby': 'queue-title' },
      h('h3', { id: 'queue-title' }, 'Fila agora por serviço'),
      table([{ label: 'Serviço', cell: (l) => l.serviceName }, { label: 'Aguardando', cell: (l) => String(l.waiting) }],
        d.queue, '', { id: 'dashboard-queue' })) : null,
    h('section', { class: 'card stack', 'aria-labelledby': 'daily-title' },
      h('h3', { id: 'daily-title' }, 'Relatório diário'),
      h('p', { class: 'muted' }, 'Vendas, atendimentos, espera e estornos de um dia, no fuso do estúdio.'),
      h('div', { class: 'row' }, h('label', { for: 'report-date' }, 'Dia'), date,
        h('button', { type: 'button', id: 'report-csv', onclick: () => daily('csv') }, 'Baixar CSV'),
        h('button', { type: 'button', id: 'report-pdf', onclick: () => daily('pdf') }, 'Baixar PDF')),
      status),
    h('section', { class: 'card stack', 'aria-labelledby': 'files-title' },
      h('h3', { id: 'files-title' }, 'Relatórios gerados à noite'),
      table([
        { label: 'Arquivo', cell: (f) => f.name },
        { label: 'Tamanho', cell: (f) => sizeText(f.sizeBytes) },
        { label: 'Gerado em', cell: (f) => `${dateBR(f.modifiedAt, zone)} ${timeBR(f.modifiedAt, zone)}` },
        { label: 'Ações', cell: (f) => h('button', { type: 'button', onclick: () => stored(f) }, 'Baixar') },
      ], files, 'Nenhum relatório noturno ainda: o primeiro sai depois da meia-noite.', { id: 'report-files' })));
}
