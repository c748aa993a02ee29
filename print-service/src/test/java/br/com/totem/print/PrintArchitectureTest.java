package br.com.totem.print;

import br.com.totem.testkit.architecture.ServiceArchitectureTest;

/** print-service's packages form a tree, its domain is plain Java, it uses no other service nor the testkit. */
class PrintArchitectureTest extends ServiceArchitectureTest {

    PrintArchitectureTest() {
        super("br.com.totem.print");
    }
}
