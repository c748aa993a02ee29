// The pairing form of a device app (the TV panel, a staff tablet): studio, the device's identifier
// and its secret, as the manager console shows them; a pairing link (?tenant=…&device=…) fills the
// first two. Checked before the call; a refused pairing says why in the app's own words.

import { h, clear } from './dom.js';
import { fieldError, setFieldErrors } from './forms.js';

/**
 * @param {object} o
 * @param {{form?: string, tenant: string, deviceId: string, secret: string}} o.ids element ids
 * @param {string} o.noun           the device in pt-BR ("painel", "tablet")
 * @param {string} o.secretLabel    the secret's label ("Código secreto", "Código de pareamento")
 * @param {string} o.submitLabel
 * @param {string} [o.tenant]       the studio to show when the link gives none
 * @param {string} [o.message]      a notice above the result (why the app is pairing again)
 * @param {string} [o.kind]         that notice's kind: warn, ok, error
 * @param {string} [o.formClass]    class of the form and of the result slot (the staff apps' layout)
 * @param {(values: {tenant: string, deviceId: string, secret: string}) => Promise<void>} o.pair
 * @param {(e: Error) => string} o.failure the sentence for a failed pairing
 * @returns {{form: HTMLFormElement, focus: () => void}}
 */
export function pairingForm(o) {
  const q = new URLSearchParams(location.search);
  const text = (id, name, value) => h('input', { id, name, value, autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false' });
  const tenant = text(o.ids.tenant, 'tenant', q.get('tenant') ?? o.tenant ?? '');
  const deviceId = text(o.ids.deviceId, 'deviceId', q.get('device') ?? '');
  const secret = h('input', { id: o.ids.secret, name: 'secret', type: 'password', autocomplete: 'off' });
  const status = h('div', { class: o.formClass ? 'result' : null, role: 'alert' },
    o.message ? h('p', { class: `notice notice-${o.kind ?? 'warn'}` }, o.message) : null);
  const submit = h('button', { type: 'submit', class: 'btn-primary' }, o.submitLabel);
  const form = h('form', { class: o.formClass ?? null, id: o.ids.form ?? null, novalidate: true },
    h('div', { class: 'field' }, h('label', { for: o.ids.tenant }, 'Estúdio'), tenant, fieldError('tenant')),
    h('div', { class: 'field' }, h('label', { for: o.ids.deviceId }, `Identificador do ${o.noun}`), deviceId, fieldError('deviceId')),
    h('div', { class: 'field' }, h('label', { for: o.ids.secret }, o.secretLabel), secret, fieldError('secret')),
    submit, status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = { tenant: tenant.value.trim(), deviceId: deviceId.value.trim(), secret: secret.value };
    const errors = {};
    if (!values.tenant) errors.tenant = 'Informe o estúdio.';
    if (!values.deviceId) errors.deviceId = `Informe o identificador do ${o.noun}.`;
    if (!values.secret) errors.secret = `Informe o ${o.secretLabel.toLowerCase()}.`;
    setFieldErrors(form, errors);
    clear(status);
    if (Object.keys(errors).length) return;
    submit.disabled = true;
    try {
      await o.pair(values);
    } catch (e) {
      submit.disabled = false;
      secret.value = '';
      status.append(h('p', { class: 'notice notice-error' }, o.failure(e)));
    }
  });
  return { form, focus: () => (tenant.value ? (deviceId.value ? secret : deviceId) : tenant).focus() };
}
