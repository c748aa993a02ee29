package br.com.totem.queue;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import br.com.totem.platform.TotemApplication;

@SpringBootApplication
public class QueueServiceApplication {

    public static void main(String[] args) {
        TotemApplication.run(QueueServiceApplication.class, args, "TOTEM_DB_PASSWORD", "TOTEM_RABBIT_PASSWORD");
    }
}
