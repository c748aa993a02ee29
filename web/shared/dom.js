// Building the DOM without innerHTML: text is always text (no XSS), and no inline style or script
// is ever needed (the apps' Content-Security-Policy forbids both).

/**
 * h('button', { class: 'big', onclick: fn, 'aria-label': 'Voltar', disabled: false }, 'Voltar', child, [more])
 * Attributes: `class` (string or array), `dataset` (object), `on<event>` (function),
 * booleans set or remove the attribute, null/undefined/false are skipped; `style` (object) is
 * applied through the CSSOM, which the policy allows. Children: nodes, strings, numbers, arrays.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    } else if (name === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (name === 'style' && typeof value === 'object') {
      Object.assign(el.style, value);
    } else if (name === 'value' && 'value' in el) {
      el.value = value;
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Removes every child of el; returns el. */
export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** Replaces el's children with these. */
export function replace(el, ...children) {
  clear(el);
  append(el, children);
  return el;
}
