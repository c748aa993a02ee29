package br.com.totem.ticket.lifecycle.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import br.com.totem.contracts.Priority;
import br.com.totem.ticket.validation.FieldViolation;
import br.com.totem.ticket.validation.InvalidFieldsException;

class NewTicketTest {

    private static final String SERVICE = UUID.randomUUID().toString();

    @Test
    void whenEveryFieldIsValidThenValuesAreNormalised() {
        NewTicket t = NewTicket.validate(new NewTicket.Raw(SERVICE, "  Maria   da Silva ", "529.982.247-25",
                "(11) 98765-4321", 1, true, null));
        assertThat(t.name().value()).isEqualTo("Maria da Silva");
        assertThat(t.cpf().digits()).isEqualTo("52998224725");
        assertThat(t.phone().e164()).isEqualTo("+5511987654321");
        assertThat(t.priority()).isEqualTo(Priority.NORMAL);
    }

    @Test
    void whenEveryFieldIsMissingThenEachIsNamed() {
        assertThatThrownBy(() -> NewTicket.validate(new NewTicket.Raw(null, null, null, null, null, null, null)))
                .isInstanceOfSatisfying(InvalidFieldsException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field)
                        .containsExactly("serviceId", "customer.name", "customer.cpf", "customer.phone",
                                "consent.version", "consent.accepted"));
    }

    @Test
    void whenValuesAreMalformedThenEachIsNamedAndNoneIsEchoed() {
        assertThatThrownBy(() -> NewTicket.validate(new NewTicket.Raw("not-a-uuid", "M", "529.982.247-24",
                "12345", 0, false, "VIP")))
                .isInstanceOfSatisfying(InvalidFieldsException.class, e -> {
                    assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("serviceId",
                            "customer.name", "customer.cpf", "customer.phone", "consent.version", "consent.accepted",
                            "priority");
                    assertThat(e.violations()).extracting(FieldViolation::message)
                            .noneMatch(m -> m.contains("529") || m.contains("12345") || m.contains("VIP"));
                    assertThat(e.getMessage()).doesNotContain("529");
                });
    }

    @Test
    void whenTheSamePersonIsTypedDifferentlyThenTheCanonicalRequestIsTheSame() {
        NewTicket a = NewTicket.validate(new NewTicket.Raw(SERVICE, "Maria da Silva", "529.982.247-25",
                "(11) 98765-4321", 1, true, "NORMAL"));
        NewTicket b = NewTicket.validate(new NewTicket.Raw(SERVICE, " Maria  da Silva", "52998224725",
                "+55 11 98765 4321", 1, true, null));
        assertThat(a.canonical()).isEqualTo(b.canonical());
        NewTicket c = NewTicket.validate(new NewTicket.Raw(SERVICE, "Maria da Silva", "529.982.247-25",
                "(11) 98765-4321", 1, true, "PREFERENTIAL"));
        assertThat(c.canonical()).isNotEqualTo(a.canonical());
    }
}
