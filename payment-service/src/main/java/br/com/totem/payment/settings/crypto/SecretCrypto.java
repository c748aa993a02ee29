package br.com.totem.payment.settings.crypto;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The cipher of the providers' secrets, built from {@code TOTEM_PAYMENT_SECRET_KEYS}. */
@Configuration(proxyBeanMethods = false)
class SecretCrypto {

    @Bean
    SecretCipher providerSecretCipher(SecretKeysProperties properties) {
        return SecretCipher.fromConfig(properties.keys(), properties.activeKey());
    }
}
