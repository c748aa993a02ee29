package br.com.totem.payment;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import br.com.totem.platform.TotemApplication;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

@SpringBootApplication
@ConfigurationPropertiesScan
@OpenAPIDefinition(info = @Info(title = "Totem payment-service",
        description = "Cobranças Pix (BACEN API Pix via Sicredi), webhooks, conciliação, devoluções e pagamentos no balcão"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class PaymentServiceApplication {

    public static void main(String[] args) {
        TotemApplication.run(PaymentServiceApplication.class, args, "TOTEM_DB_PASSWORD", "TOTEM_RABBIT_PASSWORD",
                "TOTEM_PAYMENT_SECRET_KEYS");
    }
}
