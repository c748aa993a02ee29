// pt-BR formatting and Brazilian document checks shared by every app (no library, no build step).

const BRL = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' });

/** 6000 → "R$ 60,00" (with the non-breaking space Intl puts after "R$"). */
export function brl(cents) {
  return BRL.format(Number(cents) / 100);
}

/** Only the digits of what was typed. */
export function digits(text) {
  return String(text ?? '').replace(/\D/g, '');
}

/** Progressive CPF mask: "5299822" → "529.982.2", eleven digits → "529.982.247-25". */
export function maskCpf(text) {
  const d = digits(text).slice(0, 11);
  let out = d.slice(0, 3);
  if (d.length > 3) out += '.' + d.slice(3, 6);
  if (d.length > 6) out += '.' + d.slice(6, 9);
  if (d.length > 9) out += '-' + d.slice(9, 11);
  return out;
}

/** Both check digits of a CPF (Receita Federal's mod-11 rule); eleven equal digits are refused. */
export function isValidCpf(text) {
  const d = digits(text);
  if (d.length !== 11 || /^(\d)\1{10}$/.test(d)) return false;
  const check = (len) => {
    let sum = 0;
    for (let i = 0; i < len; i++) sum += Number(d[i]) * (len + 1 - i);
    const r = sum % 11;
    return r < 2 ? 0 : 11 - r;
  };
  return check(9) === Number(d[9]) && check(10) === Number(d[10]);
}

/** Brazilian area codes (DDD) in use, as ticket-service's PhoneNumber accepts them. */
const AREA_CODES = new Set([
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28, 31, 32, 33, 34, 35, 37, 38,
  41, 42, 43, 44, 45, 46, 47, 48, 49, 51, 53, 54, 55, 61, 62, 63, 64, 65, 66, 67, 68, 69,
  71, 73, 74, 75, 77, 79, 81, 82, 83, 84, 85, 86, 87, 88, 89, 91, 92, 93, 94, 95, 96, 97, 98, 99]);

/** Progressive phone mask: "(11) 98765-4321" for a mobile, "(11) 3456-7890" for a landline. */
export function maskPhone(text) {
  const d = digits(text).slice(0, 11);
  if (d.length === 0) return '';
  if (d.length <= 2) return '(' + d;
  const area = '(' + d.slice(0, 2) + ') ';
  const rest = d.slice(2);
  if (d.length <= 6) return area + rest;
  const split = d.length === 11 ? 5 : 4;
  return area + rest.slice(0, split) + '-' + rest.slice(split);
}

/** A Brazilian mobile (DDD + 9 + eight digits) or landline (DDD + 2–5 + seven digits). */
export function isValidPhone(text) {
  const d = digits(text);
  if (d.length !== 10 && d.length !== 11) return false;
  if (!AREA_CODES.has(Number(d.slice(0, 2)))) return false;
  const first = d[2];
  return (d.length === 11 && first === '9') || (d.length === 10 && first >= '2' && first <= '5');
}

const ZONE = 'America/Sao_Paulo';

/** "05/12/2026" */
export function dateBR(value, timeZone = ZONE) {
  return new Intl.DateTimeFormat('pt-BR', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone }).format(new Date(value));
}

/** "14:05" */
export function timeBR(value, timeZone = ZONE) {
  return new Intl.DateTimeFormat('pt-BR', { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(value));
}

/** Minutes (a number) or an ISO-8601 duration ("PT1H30M") → "1 h 30 min", "45 min", "menos de 1 min". */
export function minutes(duration) {
  let total;
  if (typeof duration === 'number') {
    total = duration;
  } else {
    const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(String(duration ?? ''));
    if (!m) return '';
    total = Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0) + Number(m[3] ?? 0) / 60;
  }
  total = Math.round(total);
  if (total < 1) return 'menos de 1 min';
  const h = Math.floor(total / 60);
  const min = total % 60;
  if (h === 0) return `${min} min`;
  return min === 0 ? `${h} h` : `${h} h ${min} min`;
}

/** "02:59": the time left of a countdown, never negative. */
export function countdown(ms) {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return String(Math.floor(s / 60)).padStart(2, '0') + ':' + String(s % 60).padStart(2, '0');
}
