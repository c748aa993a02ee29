// Idle timer for touch screens: after `timeoutMs` without a touch, `onWarn(secondsLeft)` is called
// once, then `onIdle()` after `warnMs` more unless the person touches the screen (WCAG 2.2.1:
// warned, and one action extends the time).

const EVENTS = ['pointerdown', 'keydown', 'touchstart', 'input', 'wheel'];

export function createIdle({ timeoutMs, warnMs = 0, onWarn, onActive, onIdle, target = document }) {
  let idleTimer = null;
  let warnTimer = null;
  let warned = false;
  let running = false;

  const cancel = () => {
    clearTimeout(idleTimer);
    clearTimeout(warnTimer);
    idleTimer = warnTimer = null;
  };
  const schedule = () => {
    cancel();
    if (!running) return;
    idleTimer = setTimeout(() => {
      if (warnMs > 0 && onWarn) {
        warned = true;
        onWarn(Math.round(warnMs / 1000));
        warnTimer = setTimeout(fire, warnMs);
      } else {
        fire();
      }
    }, timeoutMs);
  };
  const fire = () => {
    cancel();
    warned = false;
    running = false;
    onIdle();
  };
  const touched = () => {
    if (!running) return;
    if (warned) {
      warned = false;
      onActive?.();
    }
    schedule();
  };
  for (const e of EVENTS) target.addEventListener(e, touched, { capture: true, passive: true });

  return {
    /** Starts (or restarts) counting from now. */
    start() { running = true; warned = false; schedule(); },
    /** Stops counting (e.g. on the start screen, where there is nothing to forget). */
    stop() { running = false; warned = false; cancel(); },
    /** Counts from now again, as a touch would. */
    reset: touched,
    get running() { return running; },
    dispose() { cancel(); for (const e of EVENTS) target.removeEventListener(e, touched, { capture: true }); },
  };
}
