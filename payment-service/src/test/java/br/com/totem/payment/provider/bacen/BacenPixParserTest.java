package br.com.totem.payment.provider.bacen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

import br.com.totem.payment.provider.PixModels;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The spec's own examples, including its deviations, read into our model. */
class BacenPixParserTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static JsonNode example(String name) throws IOException {
        try (InputStream in = BacenPixParserTest.class.getResourceAsStream("/bacen/" + name)) {
            return JSON.readTree(in.readAllBytes());
        }
    }

    @Test
    void whenChargeIsActiveThenLocationAndAmountAreRead() throws IOException {
        PixModels.Cob cob = BacenPixParser.cob(example("cobResponse1.json"));
        assertThat(cob.txid()).isEqualTo("7978c0c97ea847e78e8849634473c1f1");
        assertThat(cob.status()).isEqualTo("ATIVA");
        assertThat(cob.amountCents()).isEqualTo(3700);
        assertThat(cob.location()).isEqualTo("pix.example.com/qr/9d36b84fc70b478fb95c12729b90ca25");
        assertThat(cob.pixCopiaECola()).isNull();
        assertThat(cob.expirySeconds()).isEqualTo(3600);
        assertThat(cob.pix()).isEmpty();
    }

    @Test
    void whenChargeIsPaidThenItsPixAndDevolucoesArrayAreRead() throws IOException {
        PixModels.Cob cob = BacenPixParser.cob(example("cobResponse2.json"));
        assertThat(cob.concluded()).isTrue();
        PixModels.Pix pix = cob.payment("E1234567820200909122120200808008").orElseThrow();
        assertThat(pix.amountCents()).isEqualTo(11000);
        assertThat(pix.refunds()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("123ABC");
            assertThat(r.amountCents()).isEqualTo(1000);
            assertThat(r.isFinal()).isFalse();
        });
    }

    @Test
    void whenWebhookCarriesDevolucoesAsAnObjectThenItIsReadAsOneRefund() throws IOException {
        PixModels.Pix pix = BacenPixParser.pix(example("pixWebhook1.json"));
        assertThat(pix.refunds()).singleElement().extracting(PixModels.Refund::rtrId).isEqualTo("D12345678202009091221abcdf098765");
        assertThat(BacenPixParser.pixList(example("webhook-callback-body.assembled.json").path("pix"))).hasSize(2);
    }

    @Test
    void whenHorarioIsAnObjectOrFieldsAreUnknownThenParsingStillWorks() {
        JsonNode n = JSON.readTree("""
                {"endToEndId":"E01181521202611231200abcdefghijk","txid":"abc","valor":"60.00",
                 "horario":{"solicitacao":"2026-11-23T12:00:00Z","liquidacao":"2026-11-23T12:00:01Z"},
                 "pagador":{"nome":"X"},"novoCampo":[1,2]}""");
        PixModels.Pix pix = BacenPixParser.pix(n);
        assertThat(pix.amountCents()).isEqualTo(6000);
        assertThat(pix.paidAt()).hasToString("2026-11-23T12:00:01Z");
    }

    @Test
    void whenRefundWasRefusedThenStatusAndReasonAreRead() throws IOException {
        PixModels.Refund r = BacenPixParser.refund(example("devolucaoResponse2.json"));
        assertThat(r.status()).isEqualTo("NAO_REALIZADO");
        assertThat(r.isFinal()).isTrue();
        assertThat(r.reason()).isEqualTo("Negado por timeout");
        assertThat(r.amountCents()).isEqualTo(2000);
    }
}
