package br.com.totem.ticket;

import br.com.totem.testkit.architecture.ServiceArchitectureTest;

/** ticket-service's packages form a tree, its domain is plain Java, it uses no other service nor the testkit. */
class TicketArchitectureTest extends ServiceArchitectureTest {

    TicketArchitectureTest() {
        super("br.com.totem.ticket");
    }
}
