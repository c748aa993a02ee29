package br.com.totem.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** .env.example: {@code NAME=value} lines, set or commented out ({@code # NAME=value}). */
final class EnvExample {

    static final Pattern ASSIGNMENT = Pattern.compile("^#?\\s*([A-Z_][A-Z0-9_]*)=(.*)$");

    private EnvExample() {
    }

    static Set<String> documented(Path root) throws IOException {
        Set<String> names = new TreeSet<>();
        for (String line : Files.readAllLines(root.resolve(".env.example"))) {
            Matcher m = ASSIGNMENT.matcher(line.strip());
            if (m.matches()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** Only the variables that are set (not commented out). */
    static Map<String, String> values(Path root) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(root.resolve(".env.example"))) {
            Matcher m = ASSIGNMENT.matcher(line.strip());
            if (m.matches() && !line.strip().startsWith("#")) {
                values.put(m.group(1), m.group(2));
            }
        }
        return values;
    }
}
