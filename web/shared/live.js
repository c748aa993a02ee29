// Live updates over a WebSocket (/ws/queue, /ws/panel) that survive network cuts: reconnect with
// backoff and resume from the last sequence number seen, so no change is lost and none is applied
// twice. queue-service's protocol: first a "snapshot" (whole state at seq N) or "resumed" (what
// follows continues from N), then "change" frames with seq N+1, N+2…, and a "heartbeat" every 15 s
// carrying the last seq; every change has its seq on every socket ("skip" where the audience does
// not show it), so the numbers run without holes. A gap (a change or heartbeat beyond the next seq) means something was
// missed: reconnect with ?since= to get it (or a fresh snapshot when history was trimmed).
// The server's own close codes (docs/platform.md): 4401 the access token expired — fetch a fresh
// token and reconnect at once; 4403 the login was revoked — stop and tell the app (onAuthLost),
// never retry with the same token.

const HEARTBEAT_MS = 15_000;

/**
 * connectLive('/ws/queue', { token, onMessage, onStatus }) → { close(), get status, get seq }
 * `token`: a string or an (async) function giving the current access token.
 * `onMessage(frame)`: each snapshot and each change, in order, once.
 * `onStatus(status)`: 'connecting' | 'online' | 'offline'.
 * `onAuthLost(code)`: the server closed with 4403 (logout elsewhere, user or device deactivated):
 * the socket stays closed; the app drops its tokens and shows its login or setup screen.
 */
export function connectLive(path, { token, onMessage, onStatus = () => {}, onAuthLost = () => {}, base = location.origin } = {}) {
  let seq = null;
  let ws = null;
  let closed = false;
  let attempt = 0;
  let retryTimer = null;
  let watchdog = null;
  let status = null;

  const setStatus = (s) => {
    if (s !== status) {
      status = s;
      onStatus(s);
    }
  };
  const url = async () => {
    const t = typeof token === 'function' ? await token() : token;
    const u = new URL(path, base.replace(/^http/, 'ws'));
    if (t) u.searchParams.set('access_token', t);
    if (seq !== null) u.searchParams.set('since', String(seq));
    return u.toString();
  };
  const feed = () => {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => ws?.close(4000, 'silent'), HEARTBEAT_MS * 2.5);
  };
  const resync = () => ws?.close(4001, 'gap');

  async function open() {
    if (closed) return;
    setStatus(attempt === 0 && status !== 'offline' ? 'connecting' : 'offline');
    let socket;
    try {
      socket = new WebSocket(await url());
    } catch {
      return retry();
    }
    ws = socket;
    socket.onopen = () => feed();
    socket.onmessage = (event) => {
      feed();
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      switch (frame.type) {
        case 'snapshot':
          seq = frame.seq;
          attempt = 0;
          setStatus('online');
          onMessage(frame);
          break;
        case 'resumed':
          attempt = 0;
          setStatus('online');
          break;
        case 'change':
        case 'skip': // a change this audience does not show (the panel and a ticket joining a line): only its seq
          if (seq !== null && frame.seq <= seq) break; // already applied
          if (seq !== null && frame.seq > seq + 1) return resync(); // missed some: ask again from seq
          seq = frame.seq;
          if (frame.type === 'change') onMessage(frame);
          break;
        case 'heartbeat':
          if (seq !== null && frame.seq > seq) resync();
          break;
        default:
          onMessage(frame);
      }
    };
    socket.onclose = (event) => {
      clearTimeout(watchdog);
      if (ws === socket) ws = null;
      if (event.code === 4403) {
        handle.close(); // revoked: the same token will never work again
        onAuthLost(event.code);
        return;
      }
      if (event.code === 4401) attempt = 0; // the token ran out: the token function gives a fresh one
      retry();
    };
    socket.onerror = () => {}; // onclose follows
  }

  function retry() {
    if (closed) return;
    setStatus('offline');
    const delay = Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5)) * (0.75 + Math.random() * 0.5);
    attempt++;
    clearTimeout(retryTimer);
    retryTimer = setTimeout(open, attempt === 1 ? 250 : delay);
  }

  const wake = () => {
    if (!ws && !closed) {
      clearTimeout(retryTimer);
      open();
    }
  };
  // the device says its network is gone: a half-open socket would only be noticed by the
  // heartbeat watchdog (~40 s); drop it now so the screen shows offline at once
  const drop = () => ws?.close(4002, 'offline');
  window.addEventListener('online', wake);
  window.addEventListener('offline', drop);
  open();

  const handle = {
    get status() {
      return status;
    },
    get seq() {
      return seq;
    },
    close() {
      closed = true;
      clearTimeout(retryTimer);
      clearTimeout(watchdog);
      window.removeEventListener('online', wake);
      window.removeEventListener('offline', drop);
      ws?.close(1000, 'bye');
      setStatus('offline');
    },
  };
  return handle;
}
