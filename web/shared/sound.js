// Short tones made with the Web Audio API (no audio files): the operator's beep on a new ticket
// and the panel's chime before a call. Browsers start audio only after a first user gesture or
// with autoplay allowed (the TV panel's kiosk-mode browser); a refused start is ignored.

let ctx = null;

function context() {
  if (!ctx) {
    const Ctx = globalThis.AudioContext || globalThis.webkitAudioContext;
    if (!Ctx) return null;
    ctx = new Ctx();
  }
  if (ctx.state === 'suspended') ctx.resume().catch(() => {});
  return ctx;
}

/**
 * Plays notes one after another: [{ hz, ms }], at a gentle volume. Resolves when they have
 * played (at once when audio is unavailable). Nothing is kept after the notes end.
 */
export function playNotes(notes, volume = 0.2) {
  const ac = context();
  if (!ac) return Promise.resolve();
  let t = ac.currentTime + 0.02;
  let total = 0;
  for (const { hz, ms } of notes) {
    const osc = ac.createOscillator();
    const gain = ac.createGain();
    osc.type = 'sine';
    osc.frequency.value = hz;
    gain.gain.setValueAtTime(0, t);
    gain.gain.linearRampToValueAtTime(volume, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.001, t + ms / 1000);
    osc.connect(gain).connect(ac.destination);
    osc.start(t);
    osc.stop(t + ms / 1000 + 0.05);
    osc.onended = () => { osc.disconnect(); gain.disconnect(); };
    t += ms / 1000;
    total += ms;
  }
  return new Promise((resolve) => setTimeout(resolve, total + 60));
}

/** Operator tablet: a short double beep. */
export const beep = () => playNotes([{ hz: 880, ms: 120 }, { hz: 1175, ms: 160 }], 0.15);

/** TV panel: the three-note chime before each call. */
export const chime = () => playNotes([{ hz: 659, ms: 260 }, { hz: 784, ms: 260 }, { hz: 1047, ms: 520 }], 0.25);

/** Lets a page start audio on the first touch or key (autoplay policies). */
export function unlockAudioOnGesture(target = document) {
  const unlock = () => {
    context();
    target.removeEventListener('pointerdown', unlock, true);
    target.removeEventListener('keydown', unlock, true);
  };
  target.addEventListener('pointerdown', unlock, true);
  target.addEventListener('keydown', unlock, true);
}
