package br.com.totem.queue;

import java.util.Arrays;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import br.com.totem.platform.TotemApplication;
import br.com.totem.queue.identity.BootstrapAdmin;

@SpringBootApplication
public class QueueServiceApplication {

    public static void main(String[] args) {
        if (args.length > 0 && BootstrapAdmin.COMMAND.equals(args[0])) {
            System.exit(BootstrapAdmin.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        TotemApplication.run(QueueServiceApplication.class, args, "TOTEM_DB_PASSWORD", "TOTEM_RABBIT_PASSWORD",
                "TOTEM_QUEUE_KEY_SECRET");
    }
}
