package br.com.totem.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.oauth2.jwt.Jwt;

class TokenRulesTest {

    static final TokenRules OURS = new TokenRules(Set.of("totem-queue"), "totem", "tenant", "roles");

    static Jwt jwt(Map<String, Object> claims) {
        var builder = Jwt.withTokenValue("t").header("alg", "RS256")
                .issuedAt(Instant.now().minusSeconds(10)).expiresAt(Instant.now().plusSeconds(600));
        claims.forEach(builder::claim);
        return builder.build();
    }

    @Test
    void whenIssuerAndAudienceAreOursThenTheTokenIsValid() {
        assertThat(OURS.validator().validate(jwt(Map.of("iss", "totem-queue", "aud", List.of("totem", "x")))).hasErrors()).isFalse();
    }

    @Test
    void whenIssuerIsAnotherOrMissingThenTheTokenIsRefused() {
        assertThat(OURS.validator().validate(jwt(Map.of("iss", "https://idp.example.com", "aud", List.of("totem")))).hasErrors()).isTrue();
        assertThat(OURS.validator().validate(jwt(Map.of("aud", List.of("totem")))).hasErrors()).isTrue();
    }

    @Test
    void whenAudienceIsAnotherOrMissingThenTheTokenIsRefused() {
        assertThat(OURS.validator().validate(jwt(Map.of("iss", "totem-queue", "aud", List.of("other-app")))).hasErrors()).isTrue();
        assertThat(OURS.validator().validate(jwt(Map.of("iss", "totem-queue")))).matches(r -> r.hasErrors());
    }

    @Test
    void whenClaimsAreMappedThenTenantAndRolesComeOnlyFromTheConfiguredClaims() {
        var keycloak = new TokenRules(Set.of("https://idp.example.com/realms/totem"), "totem", "totem_tenant", "realm_access.roles");
        Map<String, Object> mapped = keycloak.claimMapping().convert(Map.of(
                "iss", "https://idp.example.com/realms/totem", "sub", "u1",
                // what a user of the shared issuer could set for themselves
                "tenant", "other-studio", "roles", List.of("ADMIN"),
                "totem_tenant", "demo", "realm_access", Map.of("roles", List.of("MANAGER"))));
        assertThat(mapped).containsEntry("tenant", "demo").containsEntry("roles", List.of("MANAGER"));
    }

    @Test
    void whenTheConfiguredClaimIsAbsentThenTheTokenHasNoTenantOrRoles() {
        var mapping = new TokenRules(Set.of("idp"), "totem", "org", "groups").claimMapping();
        Map<String, Object> mapped = mapping.convert(Map.of("iss", "idp", "tenant", "demo", "roles", List.of("ADMIN")));
        assertThat(mapped).doesNotContainKeys("tenant", "roles");
    }

    @Test
    void whenConfiguredFromTheEnvironmentThenIssuersAreAList() {
        var env = new MockEnvironment().withProperty(TokenRules.ISSUERS, "totem-queue, https://idp.example.com")
                .withProperty(TokenRules.AUDIENCE, "studio");
        TokenRules rules = TokenRules.from(env);
        assertThat(rules.issuers()).containsExactlyInAnyOrder("totem-queue", "https://idp.example.com");
        assertThat(rules.audience()).isEqualTo("studio");
        assertThat(rules.tenantClaim()).isEqualTo("tenant");
        assertThatThrownBy(() -> TokenRules.from(new MockEnvironment())).isInstanceOf(IllegalArgumentException.class);
    }
}
