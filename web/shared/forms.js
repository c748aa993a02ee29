// Forms of the staff apps: an error slot beside each field, the API's problem+json field errors
// put into those slots (and aria-invalid on the field), and one pt-BR sentence for any failure.

import { ApiError, NetworkError } from './api.js';
import { h } from './dom.js';

/** The slot for `field`'s error; place it right after the field. */
export function fieldError(field) {
  return h('p', { class: 'field-error', id: 'err-' + field, dataset: { errorFor: field }, hidden: true });
}

/**
 * Shows { field: message } beside each field of `form` (a field is the input, select or
 * textarea whose name or id is the field name); clears the others. Returns true when there
 * were errors, and focuses the first field in error.
 */
export function setFieldErrors(form, errors = {}) {
  let first = null;
  for (const slot of form.querySelectorAll('[data-error-for]')) {
    const field = slot.dataset.errorFor;
    const message = errors[field];
    const input = form.querySelector(`[name="${CSS.escape(field)}"], #${CSS.escape(field)}`);
    slot.textContent = message ?? '';
    slot.hidden = !message;
    if (input) {
      // a field's own description (its hint) stays; the error is added to it and taken away again
      input.dataset.describedBy ??= input.getAttribute('aria-describedby') ?? '';
      const own = input.dataset.describedBy;
      if (message) {
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', own ? `${own} ${slot.id}` : slot.id);
        first ??= input;
      } else {
        input.removeAttribute('aria-invalid');
        if (own) input.setAttribute('aria-describedby', own);
        else input.removeAttribute('aria-describedby');
      }
    }
  }
  first?.focus();
  return Object.keys(errors).length > 0;
}

/** One sentence for the person in front of the screen. */
export function errorText(e) {
  if (e instanceof NetworkError) return 'Sem conexão com o servidor. Verifique a rede e tente de novo.';
  if (e instanceof ApiError) {
    if (e.status === 429) return `Muitas tentativas. Espere ${e.retryAfter ?? 60} segundos e tente de novo.`;
    if (e.status === 401) return 'Sua sessão terminou. Entre de novo.';
    if (e.status === 403) return 'Você não tem permissão para fazer isto.';
    if (e.status === 503) return 'O serviço está indisponível no momento. Tente de novo em instantes.';
    if (e.status >= 500) return `O servidor não conseguiu concluir (erro ${e.status}). Tente de novo.`;
    if (Object.keys(e.fieldErrors).length) return 'Corrija os campos indicados.';
    return e.detail || e.title || `Erro ${e.status}.`;
  }
  return 'Algo deu errado. Tente de novo.';
}
