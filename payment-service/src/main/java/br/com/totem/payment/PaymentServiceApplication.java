package br.com.totem.payment;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import br.com.totem.platform.TotemApplication;

@SpringBootApplication
public class PaymentServiceApplication {

    public static void main(String[] args) {
        TotemApplication.run(PaymentServiceApplication.class, args, "TOTEM_DB_PASSWORD", "TOTEM_RABBIT_PASSWORD");
    }
}
