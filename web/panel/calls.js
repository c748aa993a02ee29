// The calls the TV panel shows: the current one and a few before it. Bounded on purpose (the
// panel runs for days): at most `keep` calls are ever held, whatever arrives.

const GONE = new Set(['NO_SHOW', 'CANCELLED', 'TRANSFERRED']);

export function createCalls(keep = 6) {
  let list = []; // newest first, distinct tickets, at most keep + 1 (the current one and `keep` before it)

  return {
    /** The snapshot's calls (newest first). */
    reset(calls) {
      list = (calls ?? []).filter((c) => !GONE.has(c.status)).slice(0, keep + 1);
    },
    /**
     * Applies a panel change frame; returns the call to announce (CALLED or RECALLED), else null.
     */
    apply(frame) {
      const call = frame.call;
      if (!call) return null;
      const at = list.findIndex((c) => c.ticketId === call.ticketId);
      if (frame.kind === 'CALLED' || frame.kind === 'RECALLED') {
        if (at >= 0) list.splice(at, 1);
        list.unshift(call);
        if (list.length > keep + 1) list.length = keep + 1;
        return call;
      }
      if (at < 0) return null;
      if (GONE.has(frame.kind)) list.splice(at, 1);
      else list[at] = { ...list[at], ...call };
      return null;
    },
    get current() {
      return list[0] ?? null;
    },
    get previous() {
      return list.slice(1);
    },
    get size() {
      return list.length;
    },
  };
}
