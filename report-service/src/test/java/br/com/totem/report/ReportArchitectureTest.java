package br.com.totem.report;

import br.com.totem.testkit.architecture.ServiceArchitectureTest;

/** report-service's packages form a tree, its domain is plain Java, it uses no other service nor the testkit. */
class ReportArchitectureTest extends ServiceArchitectureTest {

    ReportArchitectureTest() {
        super("br.com.totem.report");
    }
}
