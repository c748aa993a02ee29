// What the TV panel says on each call, in Brazilian Portuguese: "Senha G zero doze, Banheira 2".
// The prefix letters are spelled one by one, the digits read as the number they show with each
// leading zero said as "zero" (012 → "zero doze"), then the station. Pure functions, tested in
// the browser by the e2e suite and usable from any page.

const UNITS = ['zero', 'um', 'dois', 'três', 'quatro', 'cinco', 'seis', 'sete', 'oito', 'nove', 'dez', 'onze',
  'doze', 'treze', 'catorze', 'quinze', 'dezesseis', 'dezessete', 'dezoito', 'dezenove'];
const TENS = ['', '', 'vinte', 'trinta', 'quarenta', 'cinquenta', 'sessenta', 'setenta', 'oitenta', 'noventa'];
const HUNDREDS = ['', 'cento', 'duzentos', 'trezentos', 'quatrocentos', 'quinhentos', 'seiscentos', 'setecentos',
  'oitocentos', 'novecentos'];

/** 0–999 999 in words: 12 → "doze", 100 → "cem", 101 → "cento e um", 1234 → "mil duzentos e trinta e quatro". */
export function numberWords(n) {
  n = Math.trunc(Number(n));
  if (!Number.isFinite(n) || n < 0 || n > 999_999) return String(n);
  if (n < 20) return UNITS[n];
  if (n < 100) return TENS[Math.floor(n / 10)] + (n % 10 ? ' e ' + UNITS[n % 10] : '');
  if (n === 100) return 'cem';
  if (n < 1000) return HUNDREDS[Math.floor(n / 100)] + (n % 100 ? ' e ' + numberWords(n % 100) : '');
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  const head = thousands === 1 ? 'mil' : numberWords(thousands) + ' mil';
  if (!rest) return head;
  // "mil e cem", "mil e vinte", but "mil duzentos e trinta"
  const joiner = rest < 100 || rest % 100 === 0 ? ' e ' : ' ';
  return head + joiner + numberWords(rest);
}

/** The digits of a ticket number as said aloud: "012" → "zero doze", "000" → "zero zero zero". */
export function digitsWords(digits) {
  const s = String(digits);
  const zeros = s.match(/^0*/)[0].length;
  const words = Array(Math.min(zeros, s.length)).fill('zero');
  if (zeros < s.length) words.push(numberWords(Number(s.slice(zeros))));
  return words.join(' ');
}

/** "G012" → "G zero doze"; "BC7" → "B C sete"; anything else is said as it is. */
export function ticketWords(number) {
  const m = /^([A-Za-z]+)(\d+)$/.exec(String(number ?? '').trim());
  if (!m) return String(number ?? '');
  return m[1].toUpperCase().split('').join(' ') + ' ' + digitsWords(m[2]);
}

/** The sentence for a call frame's `call` ({ number, stationName }): "Senha G zero doze, Banheira 2". */
export function utteranceText(call) {
  const station = String(call?.stationName ?? '').trim();
  return `Senha ${ticketWords(call?.number)}` + (station ? `, ${station}` : '');
}
