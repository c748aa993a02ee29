package br.com.totem.gateway;

import br.com.totem.testkit.architecture.ServiceArchitectureTest;

/** The gateway's packages form a tree and it uses no service's code nor the testkit. */
class GatewayArchitectureTest extends ServiceArchitectureTest {

    GatewayArchitectureTest() {
        super("br.com.totem.gateway");
    }
}
