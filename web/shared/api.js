// The API client every app uses: JSON in and out, the session's bearer token, an Idempotency-Key
// when given, one silent token refresh on 401, problem+json answers as ApiError and transport
// failures (no answer at all) as NetworkError.

/** An answer that is not 2xx. `problem` is the RFC 9457 body when the service sent one. */
export class ApiError extends Error {
  constructor(status, problem = {}, retryAfter = null) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.type = problem.type ?? 'about:blank';
    this.title = problem.title ?? '';
    this.detail = problem.detail ?? '';
    /** { field: message } from a validation problem's `errors` (or `fieldErrors`), else {}. */
    this.fieldErrors = fieldErrors(problem);
    /** Seconds from Retry-After (429, 503), or null. */
    this.retryAfter = retryAfter;
  }

  /** The last segment of the problem type: "psp-unavailable", "validation", … */
  get code() {
    return String(this.type).split('/').pop();
  }
}

/** No answer: offline, refused, reset, or timed out. The request may or may not have been done. */
export class NetworkError extends Error {
  constructor(cause) {
    super('network failure', { cause });
    this.name = 'NetworkError';
  }
}

function fieldErrors(problem) {
  const out = {};
  const list = problem.errors ?? problem.fieldErrors ?? problem.invalidParams ?? [];
  if (Array.isArray(list)) {
    for (const e of list) {
      const field = e.field ?? e.name ?? e.pointer;
      if (field) out[String(field).replace(/^\/|^#\//, '')] = e.message ?? e.reason ?? e.detail ?? '';
    }
  } else if (list && typeof list === 'object') {
    Object.assign(out, list);
  }
  return out;
}

/** A fresh key for one logical request; reuse it for every retry of that request. */
export function newIdempotencyKey() {
  if (globalThis.crypto?.randomUUID) return crypto.randomUUID();
  // crypto.randomUUID needs a secure context; a kiosk on a LAN address over http has only getRandomValues
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * One HTTP exchange without a session (logins, refresh, public pages). Resolves to the parsed JSON
 * (null for an empty body) or throws ApiError / NetworkError.
 */
export async function requestJson(method, url, { body, token, idempotencyKey, headers = {}, timeoutMs = 15000, signal } = {}) {
  const h = { Accept: 'application/json, application/problem+json', ...headers };
  if (body !== undefined) h['Content-Type'] = 'application/json';
  if (token) h.Authorization = `Bearer ${token}`;
  if (idempotencyKey) h['Idempotency-Key'] = idempotencyKey;
  const timeout = AbortSignal.timeout(timeoutMs);
  let res;
  try {
    res = await fetch(url, {
      method,
      headers: h,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  } catch (e) {
    throw new NetworkError(e);
  }
  let text;
  try {
    text = await res.text();
  } catch (e) {
    throw new NetworkError(e); // the connection died while the body came
  }
  let parsed = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = res.ok ? text : { title: `HTTP ${res.status}` };
    }
  }
  if (!res.ok) {
    const retry = res.headers.get('Retry-After');
    throw new ApiError(res.status, parsed && typeof parsed === 'object' ? parsed : {}, retry && /^\d+$/.test(retry) ? Number(retry) : null);
  }
  return parsed;
}

/**
 * createApi({ session, onAuthLost }) → { get, post, put, patch, del }.
 * `session` has accessToken() and refresh() (session.js); on a 401 the session is refreshed once
 * and the request repeated; when that fails too, onAuthLost(error) is called and the error thrown.
 */
export function createApi({ session = null, onAuthLost = () => {}, base = '', timeoutMs = 15000 } = {}) {
  async function call(method, path, body, options = {}) {
    const opts = { ...options, body, timeoutMs: options.timeoutMs ?? timeoutMs };
    opts.token = session ? await session.accessToken() : undefined;
    try {
      return await requestJson(method, base + path, opts);
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401 || !session) throw e;
      const renewed = await session.refresh();
      if (!renewed) {
        onAuthLost(e);
        throw e;
      }
      try {
        return await requestJson(method, base + path, { ...opts, token: await session.accessToken() });
      } catch (again) {
        if (again instanceof ApiError && again.status === 401) onAuthLost(again);
        throw again;
      }
    }
  }
  return {
    get: (path, options) => call('GET', path, undefined, options),
    post: (path, body = {}, options) => call('POST', path, body, options),
    put: (path, body = {}, options) => call('PUT', path, body, options),
    patch: (path, body = {}, options) => call('PATCH', path, body, options),
    del: (path, options) => call('DELETE', path, undefined, options),
  };
}
