// The on-screen keyboard of a touch kiosk: digits for CPF and phone, letters for names, letters
// and digits for the setup codes. It types into the input it is bound to through the input's own
// `input` event, so masks and validation run exactly as with a physical keyboard. The inputs carry
// inputmode="none": the system keyboard never covers the screen.

import { h } from '/shared/dom.js';

const LAYOUTS = {
  digits: [['1', '2', '3'], ['4', '5', '6'], ['7', '8', '9'], ['⌫', '0', 'OK']],
  letters: [
    ['Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I', 'O', 'P'],
    ['A', 'S', 'D', 'F', 'G', 'H', 'J', 'K', 'L', 'Ç'],
    ['Z', 'X', 'C', 'V', 'B', 'N', 'M', '´', '~', '⌫'],
    ['ESPAÇO', 'OK'],
  ],
  text: [
    ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'],
    ['q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p'],
    ['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', '-'],
    ['z', 'x', 'c', 'v', 'b', 'n', 'm', '_', '.', '⌫'],
    ['OK'],
  ],
};

const LABELS = { '⌫': 'Apagar', 'ESPAÇO': 'Espaço', OK: 'Concluir', '´': 'Acento agudo', '~': 'Til' };
const ACUTE = { A: 'Á', E: 'É', I: 'Í', O: 'Ó', U: 'Ú', a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ú' };
const TILDE = { A: 'Ã', O: 'Õ', N: 'Ñ', a: 'ã', o: 'õ', n: 'ñ' };

/**
 * keyboard({ onDone }) → { element, bind(input, layout) }.
 * `layout`: 'digits' | 'letters' | 'text'. Letters are typed capitalised at the start of a word
 * and lower case elsewhere ("Maria Da Silva" is how people write names on forms).
 */
export function keyboard({ onDone = () => {} } = {}) {
  let input = null;
  let dead = null; // pending accent
  const element = h('div', { class: 'keyboard', role: 'group', 'aria-label': 'Teclado', hidden: true });

  const type = (key) => {
    if (!input) return;
    if (key === 'OK') return onDone(input);
    let value = input.value;
    if (key === '⌫') {
      value = value.slice(0, -1);
      dead = null;
    } else if (key === '´' || key === '~') {
      dead = key;
      render(currentLayout);
      return;
    } else {
      let ch = key === 'ESPAÇO' ? ' ' : key;
      if (currentLayout === 'letters' && ch !== ' ') {
        ch = value === '' || value.endsWith(' ') ? ch.toUpperCase() : ch.toLowerCase();
      }
      if (dead) {
        ch = (dead === '´' ? ACUTE : TILDE)[ch] ?? ch;
        dead = null;
      }
      if (ch === ' ' && (value === '' || value.endsWith(' '))) return;
      value += ch;
    }
    const max = Number(input.getAttribute('maxlength') || 0);
    if (max && value.length > max) return;
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    render(currentLayout);
  };

  let currentLayout = 'digits';
  const render = (layout) => {
    currentLayout = layout;
    element.replaceChildren(...LAYOUTS[layout].map((row) => h('div', { class: 'keyboard-row' },
      row.map((key) => h('button', {
        type: 'button',
        class: ['key', key === 'OK' ? 'key-ok btn-primary' : '', key === 'ESPAÇO' ? 'key-space' : '', dead === key ? 'key-active' : ''],
        'aria-label': LABELS[key] ?? key,
        'data-key': key,
        // keep the focus (and the caret) in the field being typed
        onpointerdown: (e) => e.preventDefault(),
        onclick: () => type(key),
      }, key)))));
    element.dataset.layout = layout;
  };

  return {
    element,
    /** Types into this input from now on, with this layout. */
    bind(target, layout) {
      input = target;
      dead = null;
      render(layout);
      element.hidden = false;
    },
    hide() {
      input = null;
      element.hidden = true;
    },
  };
}
