// The kiosk's outbox: every request that creates something (the ticket, the Pix charge) is written
// to IndexedDB with its Idempotency-Key before it is sent, and deleted as soon as the server has
// answered it (whatever the answer). A request whose answer was lost, or that was made while the
// network was down, stays and is sent again — with the same key, so the server does it once —
// when the network returns (the `online` event, and every few seconds while anything waits).
// Records hold the customer's name, CPF and phone only for the ticket request; they are deleted
// when answered, when the customer leaves (idle reset, cancel) and in any case after MAX_AGE_MS
// unsent; one left by a previous page life (the browser restarted) is sent once if younger than
// that. See docs/adr/0011-kiosk-offline-outbox.md.

import { NetworkError } from '/shared/api.js';

export const MAX_AGE_MS = 10 * 60 * 1000;
const RETRY_MS = 3_000;
const DB = 'totem-kiosk';
const STORE = 'outbox';

function open() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'key' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function tx(mode, fn) {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      const t = db.transaction(STORE, mode);
      const result = fn(t.objectStore(STORE));
      t.oncomplete = () => resolve(result && 'result' in result ? result.result : undefined);
      t.onerror = () => reject(t.error);
      t.onabort = () => reject(t.error);
    });
  } finally {
    db.close();
  }
}

const put = (record) => tx('readwrite', (s) => s.put(record));
const remove = (key) => tx('readwrite', (s) => s.delete(key));
const all = () => tx('readonly', (s) => s.getAll());

/**
 * createOutbox(api) → { send(path, body, key), flush(), pending(), purge() }.
 * `send` resolves with the server's answer (however long the network is down, while the
 * record is younger than MAX_AGE_MS), or rejects with the ApiError the server answered, or
 * with an Error('expired') when the bound passed unsent. `onWaiting(true|false)` tells the
 * screen that something waits for the network.
 */
export function createOutbox(api, { onWaiting = () => {} } = {}) {
  const waiters = new Map(); // key → { resolve, reject }
  let flushing = null;
  let timer = null;

  const sending = new Set(); // keys on the wire: never two copies of one request at once

  async function attempt(record) {
    if (sending.has(record.key)) return false;
    sending.add(record.key);
    try {
      const answer = await api.post(record.path, record.body, { idempotencyKey: record.key });
      await remove(record.key);
      settle(record.key, (w) => w.resolve(answer));
      return true;
    } catch (e) {
      if (e instanceof NetworkError) return false; // keep it: sent again when the network returns
      // an answer, even a refusal (a 429 or a 503 the screen offers to retry, with the same key)
      await remove(record.key);
      settle(record.key, (w) => w.reject(e));
      return true;
    } finally {
      sending.delete(record.key);
    }
  }

  function settle(key, fn) {
    const w = waiters.get(key);
    waiters.delete(key);
    if (w) fn(w);
    onWaiting(waiters.size > 0);
  }

  async function flush() {
    if (flushing) return flushing;
    flushing = (async () => {
      clearTimeout(timer);
      let left = 0;
      for (const record of (await all()).sort((a, b) => a.createdAt - b.createdAt)) {
        if (Date.now() - record.createdAt > MAX_AGE_MS) {
          await remove(record.key);
          settle(record.key, (w) => w.reject(new Error('expired')));
          continue;
        }
        if (!(await attempt(record))) left++;
      }
      if (left > 0) timer = setTimeout(flush, RETRY_MS);
      onWaiting(waiters.size > 0);
    })().finally(() => { flushing = null; });
    return flushing;
  }

  window.addEventListener('online', () => flush());

  return {
    /** Stores the request, sends it, and resolves with the answer (see above). */
    async send(path, body, key) {
      const record = { key, path, body, createdAt: Date.now() };
      await put(record);
      const answer = new Promise((resolve, reject) => waiters.set(key, { resolve, reject }));
      if (!(await attempt(record))) {
        onWaiting(true);
        clearTimeout(timer);
        timer = setTimeout(flush, RETRY_MS);
      }
      return answer;
    },
    flush,
    /** Number of requests waiting (for tests and the setup screen). */
    async pending() {
      return (await all()).length;
    },
    /**
     * The customer left (idle reset, cancel): every request not yet sent is deleted with the
     * personal data it holds. One already received by the server whose answer was lost stays a
     * ticket awaiting payment, which expires by itself.
     */
    async abandon() {
      waiters.clear();
      clearTimeout(timer);
      await tx('readwrite', (s) => s.clear());
      onWaiting(false);
    },
  };
}
