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

    /** Set to {@code true} to run with development values (./totem's generated ones need no such switch). */
    public static final String DEV_MODE = "TOTEM_DEV_MODE";

    /**
     * Values committed to the repository (scripts/lib/env.sh before issue 12, the demo secret) and
     * .env.example's placeholders: public, so never a secret.
     */
    static final List<String> KNOWN_DEVELOPMENT_VALUES = List.of("totem-dev-db", "totem-dev-mq",
            "dG90ZW0tZGV2LXBpaS1rZXktTk9ULUEtU0VDUkVUISE=", "dG90ZW0tZGV2LWJsaW5kLWluZGV4LU5PVC1TRUNSRVQ=",
            "totem-dev-queue-key-secret", "totem-demo-2026");

    /** The secrets (among {@code names}) that hold a placeholder ({@code change-me…}) or a committed development value. */
    public static List<String> development(List<String> names, Function<String, String> lookup) {
        return names.stream().filter(n -> {
            String v = lookup.apply(n);
            if (v == null || v.isBlank()) {
                return false;
            }
            String lower = v.toLowerCase(java.util.Locale.ROOT);
            return lower.contains("change-me") || lower.contains("changeme")
                    || KNOWN_DEVELOPMENT_VALUES.stream().anyMatch(v::contains);
        }).toList();
    }

    public static String developmentMessage(List<String> names) {
        return "FATAL: " + String.join(", ", names) + (names.size() > 1 ? " hold" : " holds")
                + " a placeholder or a development value published in the repository: set a real secret"
                + " (./totem generates local ones), or " + DEV_MODE + "=true for development only";
    }

    public static String message(List<String> missing) {
        return "FATAL: required secret" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                + (missing.size() > 1 ? " are" : " is") + " not set (see .env.example)";
    }

    /**
     * Exits the JVM with {@link #EXIT_CODE} after one line on stderr when a secret is missing, or
     * holds a placeholder or published development value while {@value #DEV_MODE} is not {@code true}
     * (issue 12 item 10).
     */
    public static void verifyOrExit(String... names) {
        Function<String, String> lookup = n -> {
            String v = System.getenv(n);
            return v != null ? v : System.getProperty(n);
        };
        List<String> missing = missing(Arrays.asList(names), lookup);
        if (!missing.isEmpty()) {
            System.err.println(message(missing));
            System.exit(EXIT_CODE);
        }
        List<String> development = development(Arrays.asList(names), lookup);
        if (!development.isEmpty() && !"true".equalsIgnoreCase(lookup.apply(DEV_MODE))) {
            System.err.println(developmentMessage(development));
            System.exit(EXIT_CODE);
        }
    }
}
