package br.com.totem.payment.settings;

import java.util.List;

/**
 * A tenant's payment settings (table {@code provider_settings}): who receives the money, which
 * providers to use in which order, and how to reach its PSP. Sicredi's URLs and scopes live here,
 * not in code. {@link #toString()} never prints a secret.
 *
 * @param providers      fallback order, e.g. [BACEN_PIX, MANUAL]
 * @param providerName   the PSP's name in events ("sicredi", "sandbox")
 * @param apiBaseUrl     the API root including the version, e.g. https://api-pix.sicredi.com.br/api/v2
 * @param tokenUrl       OAuth2 token endpoint, e.g. https://api-pix.sicredi.com.br/oauth/token
 * @param scopes         space-separated OAuth2 scopes
 * @param tlsClientCert  PEM client certificate chain (file path), with {@code tlsClientKey} (PEM PKCS#8 key)
 * @param tlsKeystore    PKCS#12 alternative to the PEM pair, with its password
 * @param tlsTrustCerts  PEM file with the bank's CA chain; null trusts the JDK's defaults
 * @param webhookUrl     the URL registered at the PSP at start-up (null: none)
 * @param webhookSecret  the secret the PSP must present on our webhook (in the URL or a header)
 */
public record TenantSettings(
        String tenantId,
        String pixKey,
        String merchantName,
        String merchantCity,
        List<ProviderKind> providers,
        String providerName,
        String apiBaseUrl,
        String tokenUrl,
        String clientId,
        String clientSecret,
        String scopes,
        String tlsClientCert,
        String tlsClientKey,
        String tlsKeystore,
        String tlsKeystorePassword,
        String tlsTrustCerts,
        String webhookUrl,
        String webhookSecret,
        int chargeExpirySeconds) {

    public TenantSettings {
        providers = List.copyOf(providers);
    }

    public enum ProviderKind {
        BACEN_PIX,
        MANUAL
    }

    public boolean usesPix() {
        return providers.contains(ProviderKind.BACEN_PIX);
    }

    public boolean allowsManual() {
        return providers.contains(ProviderKind.MANUAL);
    }

    /** What the HTTP client for this tenant depends on; tenants with equal keys share a client. */
    public String connectionKey() {
        return String.join("|", String.valueOf(apiBaseUrl), String.valueOf(tlsClientCert), String.valueOf(tlsClientKey),
                String.valueOf(tlsKeystore), String.valueOf(tlsTrustCerts));
    }

    @Override
    public String toString() {
        return "TenantSettings[tenant=" + tenantId + ", providers=" + providers + ", provider=" + providerName
                + ", api=" + apiBaseUrl + "]";
    }
}
