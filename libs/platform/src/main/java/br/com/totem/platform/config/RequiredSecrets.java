package br.com.totem.platform.config;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Secrets have no default anywhere: a service started without one must stop at once and say
 * which, in one line, instead of failing later with a stack trace about a placeholder.
 * Checked in {@code main} before Spring starts; names are environment variables, and a system
 * property of the same name counts too (tests, IDE runs).
 */
public final class RequiredSecrets {

    public static final int EXIT_CODE = 78; // EX_CONFIG in sysexits.h

    private RequiredSecrets() {
    }

    public static List<String> missing(List<String> names, Function<String, String> lookup) {
        return names.stream().filter(n -> {
            String v = lookup.apply(n);
            return v == null || v.isBlank();
        }).toList();
    }

    public static String message(List<String> missing) {
        return "FATAL: required secret" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                + (missing.size() > 1 ? " are" : " is") + " not set (see .env.example)";
    }

    /** Exits the JVM with {@link #EXIT_CODE} after one line on stderr when a secret is missing. */
    public static void verifyOrExit(String... names) {
        List<String> missing = missing(Arrays.asList(names), n -> {
            String v = System.getenv(n);
            return v != null ? v : System.getProperty(n);
        });
        if (!missing.isEmpty()) {
            System.err.println(message(missing));
            System.exit(EXIT_CODE);
        }
    }
}
