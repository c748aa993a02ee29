package br.com.totem.payment;

import br.com.totem.testkit.architecture.ServiceArchitectureTest;

/** payment-service's packages form a tree, its domain is plain Java, it uses no other service nor the testkit. */
class PaymentArchitectureTest extends ServiceArchitectureTest {

    PaymentArchitectureTest() {
        super("br.com.totem.payment");
    }
}
