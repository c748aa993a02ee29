package br.com.totem.queue.live;

import java.util.List;

import br.com.totem.queue.counter.QueueChanges;
import br.com.totem.queue.counter.QueueView;

/**
 * One change of a tenant's queue as the live channels carry it. Operators get all of it (the
 * ticket, and the new order of the lines it touched); the panel gets calls only, without names.
 */
public record QueueChange(QueueChanges.Kind kind, QueueView.Ticket ticket, List<QueueView.Line> lines) {
}
