// A small form builder for the manager console: fields described as data, validated in the
// browser first, then the API's problem+json field errors shown beside the same fields.

import { ApiError } from '/shared/api.js';
import { h, clear } from '/shared/dom.js';
import { errorText, fieldError, setFieldErrors } from '/shared/forms.js';

/**
 * fields: [{ name, label, type = 'text' | 'number' | 'color' | 'checkbox' | 'select' | 'checks' | 'password' | 'textarea',
 *            options: [[value, label]], required, hint, validate(value, values) → message | null, attrs }]
 * onSubmit(values) → Promise; resolves to a message for the status line (or nothing).
 */
export function buildForm({ id, fields, values = {}, submitLabel = 'Salvar', onSubmit, onCancel }) {
  const status = h('div', { class: 'result', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'btn-primary' }, submitLabel);
  const controls = new Map();
  const rows = fields.map((f) => {
    const fid = `${id}-${f.name}`;
    const hint = f.hint ? h('p', { class: 'hint', id: fid + '-hint' }, f.hint) : null;
    let control;
    if (f.type === 'checkbox') {
      control = h('input', { type: 'checkbox', id: fid, name: f.name, checked: Boolean(values[f.name] ?? f.default) });
      controls.set(f.name, control);
      return h('div', { class: 'field' }, h('label', { class: 'choice', for: fid }, control, f.label), hint, fieldError(f.name));
    }
    if (f.type === 'checks') {
      const chosen = new Set(values[f.name] ?? []);
      const boxes = f.options.map(([v, label]) => h('label', { class: 'choice', for: `${fid}-${v}` },
        h('input', { type: 'checkbox', id: `${fid}-${v}`, value: v, checked: chosen.has(v), dataset: { group: f.name } }), label));
      const group = h('fieldset', { class: 'field', id: fid, name: f.name },
        h('legend', null, f.label), hint, boxes, fieldError(f.name));
      controls.set(f.name, group);
      return group;
    }
    if (f.type === 'select') {
      control = h('select', { id: fid, name: f.name, required: f.required },
        f.options.map(([v, label]) => h('option', { value: v, selected: String(values[f.name] ?? '') === String(v) }, label)));
    } else if (f.type === 'textarea') {
      control = h('textarea', { id: fid, name: f.name, rows: 4, required: f.required }, values[f.name] ?? '');
    } else {
      control = h('input', { id: fid, name: f.name, type: f.type ?? 'text', required: f.required,
        value: values[f.name] ?? f.default ?? '', ...(f.attrs ?? {}) });
    }
    if (hint) control.setAttribute('aria-describedby', hint.id);
    controls.set(f.name, control);
    return h('div', { class: 'field' }, h('label', { for: fid }, f.label, f.required ? ' *' : ''), hint, control, fieldError(f.name));
  });
  const form = h('form', { class: 'form', id, novalidate: true }, rows,
    h('div', { class: 'row' }, submit, onCancel ? h('button', { type: 'button', onclick: onCancel }, 'Cancelar') : null), status);

  const read = () => {
    const out = {};
    for (const f of fields) {
      const c = controls.get(f.name);
      if (f.type === 'checkbox') out[f.name] = c.checked;
      else if (f.type === 'checks') out[f.name] = [...c.querySelectorAll('input:checked')].map((i) => i.value);
      else out[f.name] = c.value.trim();
    }
    return out;
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(status);
    const v = read();
    const errors = {};
    for (const f of fields) {
      const value = v[f.name];
      if (f.required && (value === '' || (Array.isArray(value) && !value.length))) errors[f.name] = f.requiredMessage ?? 'Preencha este campo.';
      else if (f.validate && value !== '') {
        const message = f.validate(value, v);
        if (message) errors[f.name] = message;
      }
    }
    if (setFieldErrors(form, errors)) {
      status.append(h('p', { class: 'notice notice-error' }, 'Corrija os campos indicados.'));
      return;
    }
    submit.disabled = true;
    try {
      const message = await onSubmit(v);
      if (message) status.append(h('p', { class: 'notice notice-ok', role: 'status' }, message));
    } catch (e) {
      const fieldErrors = e instanceof ApiError ? e.fieldErrors : {};
      setFieldErrors(form, fieldErrors);
      status.append(h('p', { class: 'notice notice-error' }, Object.keys(fieldErrors).length && e.detail
        && !Object.values(fieldErrors).includes(e.detail) ? e.detail : errorText(e)));
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

/** A modal question; resolves true when confirmed. `typeToConfirm` asks for a word first. */
export function confirmDialog({ title, body, confirmLabel = 'Confirmar', danger = false, typeToConfirm = null }) {
  return new Promise((resolve) => {
    const typed = typeToConfirm ? h('input', { id: 'confirm-word', autocomplete: 'off' }) : null;
    const error = h('p', { class: 'field-error', role: 'alert' });
    const dialog = h('dialog', { 'aria-labelledby': 'confirm-title' },
      h('form', { method: 'dialog', class: 'form' },
        h('h2', { id: 'confirm-title' }, title),
        typeof body === 'string' ? h('p', null, body) : body,
        typed ? h('div', { class: 'field' }, h('label', { for: 'confirm-word' }, `Digite ${typeToConfirm} para confirmar`), typed, error) : null,
        h('div', { class: 'row' },
          h('button', { type: 'submit', value: 'ok', id: 'confirm-ok', class: danger ? 'btn-danger' : 'btn-primary' }, confirmLabel),
          h('button', { type: 'submit', value: 'cancel', id: 'confirm-cancel' }, 'Cancelar'))));
    dialog.querySelector('form').addEventListener('submit', (event) => {
      if (typed && event.submitter?.value === 'ok' && typed.value.trim().toUpperCase() !== typeToConfirm) {
        event.preventDefault();
        error.textContent = `Digite ${typeToConfirm} exatamente.`;
        typed.setAttribute('aria-invalid', 'true');
      }
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'ok');
    });
    document.body.append(dialog);
    dialog.showModal();
    (typed ?? dialog.querySelector('#confirm-cancel')).focus();
  });
}

/** A table: columns [{ label, cell(row) → node|string }], rows; an empty text when no rows. */
export function table(columns, rows, emptyText, attrs = {}) {
  if (!rows.length) return h('p', { class: 'muted' }, emptyText);
  return h('table', { class: 'data', ...attrs },
    h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col' }, c.label)))),
    h('tbody', null, rows.map((r) => h('tr', { dataset: { id: r.id ?? r.deviceId ?? '' } },
      columns.map((c) => h('td', null, c.cell(r)))))));
}
