package br.com.totem.payment.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import br.com.totem.payment.settings.TenantSettings;

class WebhookRegistrationTest {

    static TenantSettings withWebhook(String url, String secret) {
        return new TenantSettings("demo", "key", "Estúdio", "São Paulo", List.of(TenantSettings.ProviderKind.BACEN_PIX), "sandbox",
                "https://psp/api/v2", "https://psp/oauth/token", "client", "client-secret", "cob.read", null, null, null, null, null,
                url, secret, 300);
    }

    @Test
    void whenRegisteredThenTheSecretIsAPathSegmentAndNeverAQueryParameter() {
        String url = WebhookRegistration.registeredUrl(withWebhook("https://totem.example/api/v1/payments/webhook", "s3cr3t-0123456789"));
        assertThat(url).isEqualTo("https://totem.example/api/v1/payments/webhook/demo/s3cr3t-0123456789").doesNotContain("?");
        // the bank appends "/pix": the controller's /webhook/{tenant}/{secret}/pix
    }

    @Test
    void whenTheSettingsNameTheOlderPixEndpointThenItIsDropped() {
        assertThat(WebhookRegistration.registeredUrl(withWebhook("https://totem.example/api/v1/payments/webhook/pix/", "a/b c+d")))
                .isEqualTo("https://totem.example/api/v1/payments/webhook/demo/a%2Fb%20c+d");
    }
}
