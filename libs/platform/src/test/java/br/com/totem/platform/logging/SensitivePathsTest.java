package br.com.totem.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SensitivePathsTest {

    @Test
    void masksTheSecretSegmentsOnly() {
        assertThat(SensitivePaths.redact("/api/v1/payments/webhook/demo/s3cr3t/pix"))
                .isEqualTo("/api/v1/payments/webhook/demo/***/pix");
        assertThat(SensitivePaths.redact("/api/v1/public/queue/tok")).isEqualTo("/api/v1/public/queue/***");
        assertThat(SensitivePaths.redact("/t/tok")).isEqualTo("/t/***");
        assertThat(SensitivePaths.redact("/t/tok/qr.svg")).isEqualTo("/t/***/qr.svg");
        assertThat(SensitivePaths.redact("/api/v1/tickets/42")).isEqualTo("/api/v1/tickets/42");
        assertThat(SensitivePaths.redact(null)).isNull();
    }
}
