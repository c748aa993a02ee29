package br.com.totem.queue;

import br.com.totem.testkit.architecture.ServiceArchitectureTest;

/** queue-service's packages form a tree, its domain is plain Java, it uses no other service nor the testkit. */
class QueueArchitectureTest extends ServiceArchitectureTest {

    QueueArchitectureTest() {
        super("br.com.totem.queue");
    }
}
