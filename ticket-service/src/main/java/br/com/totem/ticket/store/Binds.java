package br.com.totem.ticket.store;

import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/** DatabaseClient refuses {@code bind(name, null)}: a nullable value needs its type. */
public final class Binds {

    private Binds() {
    }

    public static GenericExecuteSpec nullable(GenericExecuteSpec spec, String name, Object value, Class<?> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }
}
