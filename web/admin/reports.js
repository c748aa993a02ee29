// Reports: today's dashboard and the daily report as CSV or PDF, from report-service. While the
// server has no reports (report-service without these endpoints answers 404, or is down), the
// page says they are not available: no broken link.

import { ApiError, NetworkError } from '/shared/api.js';
import { h, replace } from '/shared/dom.js';
import { brl, dateBR, timeBR } from '/shared/format.js';
import { errorText } from '/shared/forms.js';

function yesterdayIso() {
  const d = new Date(Date.now() - 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Sao_Paulo' }).format(d);
}

function unavailable(el, why) {
  replace(el, h('div', { class: 'notice notice-warn', id: 'reports-unavailable', role: 'status' },
    h('p', null, h('strong', null, 'Relatórios não disponíveis neste servidor.')),
    h('p', null, why)));
}

export async function reportsPage(el, api, session) {
  replace(el, h('p', { class: 'muted' }, 'Carregando…'));
  let d;
  try {
    d = await api.get('/api/v1/dashboard');
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 501 || e.status === 503)) {
      return unavailable(el, 'O serviço de relatórios ainda não oferece o painel e os arquivos do dia. Quando estiver pronto, eles aparecem aqui.');
    }
    if (e instanceof NetworkError) return unavailable(el, errorText(e));
    return replace(el, h('p', { class: 'notice notice-error', role: 'alert' }, errorText(e)));
  }
  const pct = (x) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1).replace('.', ',')}%`);
  const card = (label, value) => h('div', { class: 'card kpi' }, h('p', { class: 'muted' }, label), h('p', { class: 'kpi-value' }, value));
  const date = h('input', { type: 'date', id: 'report-date', value: yesterdayIso() });
  const status = h('div', { role: 'status' });
  const download = async (format) => {
    replace(status, h('p', { class: 'muted' }, 'Gerando arquivo…'));
    try {
      const res = await fetch(`/api/v1/reports/daily?date=${date.value}&format=${format}`, {
        headers: { Authorization: `Bearer ${await session.accessToken()}` }, cache: 'no-store' });
      if (!res.ok) {
        let problem = {};
        try { problem = await res.json(); } catch { /* not JSON */ }
        throw new ApiError(res.status, problem);
      }
      const url = URL.createObjectURL(await res.blob());
      const a = h('a', { href: url, download: `relatorio-${date.value}.${format}`, class: 'btn' }, `Baixar ${format.toUpperCase()}`);
      replace(status, a);
      a.click();
    } catch (e) {
      replace(status, h('p', { class: 'notice notice-error', role: 'alert' }, e instanceof TypeError ? errorText(new NetworkError(e)) : errorText(e)));
    }
  };
  replace(el,
    h('p', { class: 'muted' }, `Hoje, ${dateBR(d.date + 'T12:00:00Z')}, até ${timeBR(d.asOf)}`),
    h('div', { class: 'kpis', id: 'dashboard' },
      card('Senhas pagas', d.paid), card('Atendidas', d.completed), card('Não compareceu', d.noShow),
      card('Na fila agora', d.queueLength), card('Receita líquida', brl(d.netCents)),
      card('Espera p90', d.waitP90Seconds == null ? '—' : `${Math.round(d.waitP90Seconds / 60)} min`),
      card('Taxa de não comparecimento', pct(d.noShowRate))),
    h('section', { class: 'card', 'aria-labelledby': 'daily-title' },
      h('h3', { id: 'daily-title' }, 'Relatório diário'),
      h('div', { class: 'row' }, h('label', { for: 'report-date' }, 'Dia'), date,
        h('button', { type: 'button', onclick: () => download('csv') }, 'CSV'),
        h('button', { type: 'button', onclick: () => download('pdf') }, 'PDF')),
      status));
}
