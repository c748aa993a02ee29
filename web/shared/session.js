// Token holders. A device (kiosk, TV panel) logs in with tenant, device id and secret; a person
// (operator, manager, admin) with username and PIN or password. Both keep the short access token
// fresh with the rotating refresh token before it expires; a refresh token works only once
// (queue-service revokes the whole login when one is presented twice), so refreshes are
// serialised across tabs (Web Locks) and a tab first looks whether another tab already did it.

import { ApiError, NetworkError, requestJson } from './api.js';

const EARLY_MS = 60_000; // refresh a minute before the access token expires

/** The claims of a JWT (not verified here: the gateway and the services verify it). */
export function claimsOf(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(Array.from(atob(part), (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
    return JSON.parse(json);
  } catch {
    return {};
  }
}

function baseSession(storageKey, { base = '', relogin = null } = {}) {
  const listeners = new Set();
  let timer = null;
  let inFlight = null;

  const load = () => {
    try {
      return JSON.parse(localStorage.getItem(storageKey) ?? 'null') ?? {};
    } catch {
      return {};
    }
  };
  let state = load();
  const save = (next) => {
    state = next;
    localStorage.setItem(storageKey, JSON.stringify(state));
    schedule();
    listeners.forEach((l) => l(session));
  };
  const adopt = (tokens, extra = {}) => save({
    ...state,
    ...extra,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAt: Date.now() + Number(tokens.expiresIn ?? 900) * 1000,
  });
  const forget = () => {
    clearTimeout(timer);
    state = {};
    localStorage.removeItem(storageKey);
    listeners.forEach((l) => l(session));
  };
  const schedule = () => {
    clearTimeout(timer);
    if (!state.refreshToken || !state.expiresAt) return;
    const wait = Math.max(5_000, state.expiresAt - Date.now() - EARLY_MS);
    timer = setTimeout(() => session.refresh().catch(() => schedule()), Math.min(wait, 2 ** 31 - 1));
  };

  async function doRefresh() {
    const before = state.refreshToken;
    state = load(); // another tab may have refreshed already
    if (state.refreshToken && state.refreshToken !== before && state.expiresAt - Date.now() > EARLY_MS) {
      schedule();
      return true;
    }
    if (state.refreshToken) {
      try {
        adopt(await requestJson('POST', base + '/api/v1/auth/refresh', { body: { refreshToken: state.refreshToken } }));
        return true;
      } catch (e) {
        if (!(e instanceof ApiError) || (e.status !== 401 && e.status !== 400)) throw e; // offline: keep the tokens
      }
    }
    if (relogin && (await relogin(state))) return true;
    forget();
    return false;
  }

  const session = {
    get signedIn() {
      return Boolean(state.accessToken);
    },
    /** The access token's claims: sub, tenant, roles, name, exp. */
    get claims() {
      return state.accessToken ? claimsOf(state.accessToken) : {};
    },
    get tenant() {
      return this.claims.tenant ?? state.tenant ?? null;
    },
    get roles() {
      return this.claims.roles ?? [];
    },
    get name() {
      return this.claims.name ?? null;
    },
    hasRole(role) {
      return this.roles.includes(role);
    },
    /** A valid access token (refreshed first when it is about to expire), or null when signed out. */
    async accessToken() {
      if (!state.accessToken) return null;
      if (state.expiresAt - Date.now() < EARLY_MS) {
        try {
          await session.refresh();
        } catch (e) {
          if (!(e instanceof NetworkError)) throw e; // offline: try with what we have
        }
      }
      return state.accessToken ?? null;
    },
    /**
     * Trades the refresh token for new tokens; true when done, false when the login is gone
     * (then the session is forgotten). A network failure throws NetworkError and keeps the tokens.
     */
    refresh() {
      if (!inFlight) {
        const run = () => doRefresh();
        inFlight = (navigator.locks ? navigator.locks.request('totem-session:' + storageKey, run) : run())
          .finally(() => { inFlight = null; });
      }
      return inFlight;
    },
    /** Called with the session after every login, refresh and logout. */
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    forget,
    _adopt: adopt,
    _state: () => state,
  };
  schedule();
  return session;
}

/** Adds members to a session keeping getters as getters (Object.assign would copy their value once). */
function extend(target, members) {
  return Object.defineProperties(target, Object.getOwnPropertyDescriptors(members));
}

/**
 * A kiosk's, panel's or staff tablet's session: pair(tenant, deviceId, secret) once; afterwards the tokens are kept
 * fresh silently. The device's credentials stay on the device (like a printer's token) so that a
 * refresh token lost with a dropped answer does not unpair the kiosk: it logs in again with them.
 */
export function deviceSession(storageKey, { base = '' } = {}) {
  const relogin = async (state) => {
    if (!state.tenant || !state.deviceId || !state.secret) return false;
    try {
      session._adopt(await requestJson('POST', base + '/api/v1/auth/device-token',
        { body: { tenant: state.tenant, deviceId: state.deviceId, secret: state.secret } }));
      return true;
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || e.status === 400)) return false;
      throw e;
    }
  };
  const session = baseSession(storageKey, { base, relogin });
  return extend(session, {
    get paired() {
      return Boolean(session._state().deviceId && session._state().accessToken);
    },
    get deviceId() {
      return session._state().deviceId ?? null;
    },
    /** Device login; throws ApiError (401: wrong tenant, id or secret) or NetworkError. */
    async pair({ tenant, deviceId, secret }) {
      const tokens = await requestJson('POST', base + '/api/v1/auth/device-token', { body: { tenant, deviceId, secret } });
      session._adopt(tokens, { tenant, deviceId, secret });
      return session;
    },
    /** Forgets the pairing here (credentials and tokens) and ends the device's login on the server (best effort). */
    async unpair() {
      const refreshToken = session._state().refreshToken;
      session.forget();
      if (refreshToken) {
        await requestJson('POST', base + '/api/v1/auth/logout', { body: { refreshToken } }).catch(() => {});
      }
    },
  });
}

/** An operator's, manager's or admin's session (roles from the token). */
export function userSession(storageKey, { base = '' } = {}) {
  const session = baseSession(storageKey, { base });
  return extend(session, {
    /**
     * login({ tenant, username, password }) or, on a staff tablet, ({ tenant, username, pin, device }):
     * a PIN is only accepted with the token of a registered staff tablet (`device`: the tablet's
     * deviceSession, paired as a STAFF_DEVICE; without it the server answers 403
     * staff-device-required). Throws ApiError or NetworkError.
     */
    async login({ tenant, username, password, pin, device }) {
      const body = pin ? { tenant, username, pin } : { tenant, username, password };
      const token = pin && device ? await device.accessToken() : undefined;
      session._adopt(await requestJson('POST', base + '/api/v1/auth/login', { body, token }), { tenant, username });
      return session;
    },
    /** Ends the login on the server (best effort) and here. */
    async logout() {
      const refreshToken = session._state().refreshToken;
      session.forget();
      if (refreshToken) {
        await requestJson('POST', base + '/api/v1/auth/logout', { body: { refreshToken } }).catch(() => {});
      }
    },
  });
}
