// Live updates over a WebSocket (/ws/queue, /ws/panel) that survive network cuts: reconnect with
// backoff and resume from the last sequence number seen, so no change is lost and none is applied
// twice. queue-service's protocol: first a "snapshot" (whole state at seq N) or "resumed" (what
// follows continues from N), then "change" frames with seq N+1, N+2…, and a "heartbeat" every 15 s
// carrying the last seq. A gap (a change or heartbeat beyond the next seq) means something was
// missed: reconnect with ?since= to get it (or a fresh snapshot when history was trimmed).

const HEARTBEAT_MS = 15_000;

/**
 * connectLive('/ws/queue', { token, onMessage, onStatus }) → { close(), get status, get seq }
 * `token`: a string or an (async) function giving the current access token.
 * `onMessage(frame)`: each snapshot and each change, in order, once.
 * `onStatus(status)`: 'connecting' | 'online' | 'offline'.
 */
export function connectLive(path, { token, onMessage, onStatus = () => {}, base = location.origin } = {}) {
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
          if (seq !== null && frame.seq <= seq) break; // already applied
          if (seq !== null && frame.seq > seq + 1) return resync(); // missed some: ask again from seq
          seq = frame.seq;
          onMessage(frame);
          break;
        case 'heartbeat':
          if (seq !== null && frame.seq > seq) resync();
          break;
        default:
          onMessage(frame);
      }
    };
    socket.onclose = () => {
      clearTimeout(watchdog);
      if (ws === socket) ws = null;
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
  window.addEventListener('online', wake);
  open();

  return {
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
      ws?.close(1000, 'bye');
      setStatus('offline');
    },
  };
}
