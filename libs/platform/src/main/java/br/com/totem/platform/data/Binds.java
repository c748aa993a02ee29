package br.com.totem.platform.data;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/** DatabaseClient refuses {@code bind(name, null)}: a nullable value needs its type. */
public final class Binds {

    private Binds() {
    }

    /** Binds {@code value}, or a typed null when it is null. */
    public static GenericExecuteSpec nullable(GenericExecuteSpec spec, String name, Object value, Class<?> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    /** Binds an instant as a UTC {@code timestamptz}, or a typed null when it is null. */
    public static GenericExecuteSpec instant(GenericExecuteSpec spec, String name, Instant value) {
        return nullable(spec, name, value == null ? null : value.atOffset(ZoneOffset.UTC), OffsetDateTime.class);
    }
}
