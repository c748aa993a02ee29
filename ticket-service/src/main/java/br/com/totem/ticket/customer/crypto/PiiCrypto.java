package br.com.totem.ticket.customer.crypto;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import br.com.totem.ticket.config.PiiProperties;

/** The cipher and the blind index, built from the PII keys of the configuration. */
@Configuration(proxyBeanMethods = false)
class PiiCrypto {

    @Bean
    PiiCipher piiCipher(PiiProperties pii) {
        return PiiCipher.fromConfig(pii.keys(), pii.activeKey());
    }

    @Bean
    BlindIndex blindIndex(PiiProperties pii) {
        return BlindIndex.fromBase64(pii.indexKey());
    }
}
