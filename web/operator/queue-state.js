// The operator's picture of the queue, fed by /ws/queue frames (live.js delivers each snapshot
// and each change once and in order). Pure: no DOM, so the reducer can be tested on its own.

const ACTIVE = new Set(['CALLED', 'IN_SERVICE']);

export function emptyQueue() {
  return { lines: new Map(), active: new Map() };
}

/**
 * Applies one frame; returns what happened that the screen should tell: { kind, ticket } for a
 * change, { kind: 'SNAPSHOT' } for a snapshot, null for anything else.
 */
export function applyFrame(state, frame) {
  if (frame.type === 'snapshot') {
    state.lines = new Map((frame.lines ?? []).map((l) => [l.serviceId, l]));
    state.active = new Map((frame.active ?? []).map((t) => [t.ticketId, t]));
    return { kind: 'SNAPSHOT' };
  }
  if (frame.type !== 'change') return null;
  for (const line of frame.lines ?? []) state.lines.set(line.serviceId, line);
  const t = frame.ticket;
  if (t) {
    if (ACTIVE.has(t.status)) state.active.set(t.ticketId, t);
    else state.active.delete(t.ticketId);
  }
  return { kind: frame.kind, ticket: t };
}

/** The ticket this station is working on (called or in service), or null. */
export function currentAt(state, stationId) {
  for (const t of state.active.values()) if (t.stationId === stationId) return t;
  return null;
}

/** The lines of these services (all when the list is empty), in the order given by the catalog. */
export function linesFor(state, serviceIds, order = []) {
  const wanted = serviceIds?.length ? new Set(serviceIds) : null;
  const lines = [...state.lines.values()].filter((l) => !wanted || wanted.has(l.serviceId));
  const rank = new Map(order.map((id, i) => [id, i]));
  return lines.sort((a, b) => (rank.get(a.serviceId) ?? 999) - (rank.get(b.serviceId) ?? 999)
    || a.serviceName.localeCompare(b.serviceName, 'pt-BR'));
}

/** Whole minutes since `iso` at `now` (ms), never negative. */
export function waitedMinutes(iso, now = Date.now()) {
  return Math.max(0, Math.floor((now - Date.parse(iso)) / 60000));
}
