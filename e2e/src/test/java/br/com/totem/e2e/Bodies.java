package br.com.totem.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Request bodies built from an operation's OpenAPI schema: a valid one (every declared property
 * with a value its constraints accept), and violations that the schema itself forbids — a missing
 * required property, a value of the wrong JSON type, a string past its {@code maxLength} or not
 * matching its {@code pattern}, a number out of range, a value outside the {@code enum}, a
 * malformed uuid or date. A body with at least one violation must be refused with a 4xx.
 */
final class Bodies {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Strings a careless service might mishandle; each is a plausible value of a free-text field. */
    static final List<String> NASTY = List.of("' or '1'='1' --", "\"; drop table ticket; --", "<script>alert(1)</script>",
            "${jndi:ldap://x/a}", "{{7*7}}", "../../../etc/passwd", "%00%0d%0a", "\u0000\u0001\u001f", "\u202e\u0645\u0631\u062d\u0628\u0627",
            "\uD83D\uDE00\uD83D\uDC4D", "Jo\u00e3o D\u2019\u00c1vila", "  ", "null", "\\u0000", "\ud800");

    private Bodies() {
    }

    /** A value the schema accepts (as far as the OpenAPI document says). */
    static JsonNode valid(ApiSurface.Operation op, JsonNode schema, String name, Random random, String cpf) {
        JsonNode s = op.resolve(schema);
        String type = s.path("type").asString(s.has("properties") ? "object" : "string");
        return switch (type) {
            case "object" -> {
                ObjectNode o = NODES.objectNode();
                for (var p : s.path("properties").properties()) {
                    o.set(p.getKey(), valid(op, p.getValue(), p.getKey(), random, cpf));
                }
                yield o;
            }
            case "array" -> {
                ArrayNode a = NODES.arrayNode();
                int min = s.path("minItems").asInt(0);
                for (int i = 0; i < Math.max(min, 1) && i < s.path("maxItems").asInt(5); i++) {
                    a.add(valid(op, s.path("items"), name, random, cpf));
                }
                yield a;
            }
            case "integer", "number" -> {
                long min = s.has("minimum") ? s.get("minimum").asLong() : 1;
                long max = s.has("maximum") ? s.get("maximum").asLong() : min + 100;
                yield s.has("example") ? s.get("example") : NODES.numberNode(min + (long) (random.nextDouble() * Math.min(max - min, 1000)));
            }
            case "boolean" -> NODES.booleanNode(true);
            default -> NODES.stringNode(validString(s, name, random, cpf));
        };
    }

    static String validString(JsonNode s, String name, Random random, String cpf) {
        if (s.has("enum")) {
            return s.get("enum").get(random.nextInt(s.get("enum").size())).asString();
        }
        String format = s.path("format").asString("");
        if (format.equals("uuid")) {
            return UUID.randomUUID().toString();
        }
        if (format.equals("date")) {
            return "2026-12-01";
        }
        if (format.equals("date-time")) {
            return "2026-12-01T12:00:00Z";
        }
        if (name != null && name.toLowerCase().contains("cpf")) {
            return cpf;
        }
        List<String> candidates = new ArrayList<>();
        if (s.has("example")) {
            candidates.add(s.get("example").asString());
        }
        String nasty = NASTY.get(random.nextInt(NASTY.size()));
        candidates.addAll(List.of("Teste " + nasty, "Teste de seguran\u00e7a", "TST", "#1E88E5", "abc-1.2", "TCP", "teste"));
        int min = s.path("minLength").asInt(0);
        int max = s.path("maxLength").asInt(Integer.MAX_VALUE);
        Pattern pattern = s.has("pattern") ? Pattern.compile(s.get("pattern").asString()) : null;
        for (String c : candidates) {
            if (c.length() >= min && c.length() <= max && (pattern == null || pattern.matcher(c).matches())) {
                return c;
            }
        }
        return "x".repeat(Math.max(min, 1));
    }

    /** The ways a value of this schema can be made certainly invalid. */
    static List<JsonNode> violations(ApiSurface.Operation op, JsonNode schema, Random random) {
        JsonNode s = op.resolve(schema);
        String type = s.path("type").asString(s.has("properties") ? "object" : "string");
        List<JsonNode> out = new ArrayList<>();
        switch (type) {
            case "object" -> {
                out.add(NODES.stringNode("not an object"));
                out.add(NODES.arrayNode().add(1).add(2));
            }
            case "array" -> {
                out.add(NODES.objectNode().put("a", 1));
                out.add(NODES.numberNode(7));
                if (s.has("maxItems")) {
                    ArrayNode a = NODES.arrayNode();
                    for (int i = 0; i <= s.get("maxItems").asInt(); i++) {
                        a.add(valid(op, s.path("items"), null, random, null));
                    }
                    out.add(a);
                }
            }
            case "integer", "number" -> {
                out.add(NODES.objectNode());
                out.add(NODES.stringNode("dez"));
                out.add(NODES.numberNode(new java.math.BigInteger("99999999999999999999999999")));
                if (s.has("minimum")) {
                    out.add(NODES.numberNode(s.get("minimum").asLong() - 1));
                }
                if (s.has("maximum")) {
                    out.add(NODES.numberNode(s.get("maximum").asLong() + 1));
                }
            }
            case "boolean" -> {
                out.add(NODES.objectNode());
                out.add(NODES.stringNode("talvez"));
            }
            default -> {
                out.add(NODES.objectNode().put("x", 1));
                out.add(NODES.arrayNode().add("a").add("b"));
                if (s.has("maxLength") && s.get("maxLength").asInt() < 100_000) {
                    out.add(NODES.stringNode("\u00e7".repeat(s.get("maxLength").asInt() + 1)));
                }
                if (s.has("enum")) {
                    out.add(NODES.stringNode("NAO_EXISTE"));
                }
                String format = s.path("format").asString("");
                if (format.equals("uuid")) {
                    out.add(NODES.stringNode("not-a-uuid"));
                    out.add(NODES.stringNode(UUID.randomUUID() + "0"));
                }
                if (format.startsWith("date")) {
                    out.add(NODES.stringNode("2026-13-45"));
                }
                if (s.has("pattern")) {
                    Pattern pattern = Pattern.compile(s.get("pattern").asString());
                    for (String c : List.of("!!", "", "\u0000", "zz zz", "a".repeat(300), NASTY.get(random.nextInt(NASTY.size())))) {
                        if (!pattern.matcher(c).matches()) {
                            out.add(NODES.stringNode(c));
                            break;
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * A body of the operation's schema with one certainly-invalid change at a random place (a
     * required property removed, or one property — at any depth — replaced by a violation), the
     * rest valid and sprinkled with hostile strings and the given CPF.
     */
    static JsonNode invalid(ApiSurface.Operation op, JsonNode schema, Random random, String cpf) {
        JsonNode s = op.resolve(schema);
        JsonNode body = valid(op, s, null, random, cpf);
        List<Runnable> changes = new ArrayList<>();
        collect(op, s, body, random, changes, 0);
        if (changes.isEmpty()) {
            List<JsonNode> top = violations(op, s, random);
            return top.get(random.nextInt(top.size()));
        }
        changes.get(random.nextInt(changes.size())).run();
        return body;
    }

    private static void collect(ApiSurface.Operation op, JsonNode schema, JsonNode value, Random random, List<Runnable> changes, int depth) {
        JsonNode s = op.resolve(schema);
        if (!(value instanceof ObjectNode object) || depth > 4) {
            return;
        }
        s.path("required").forEach(r -> changes.add(() -> object.remove(r.asString())));
        for (var p : s.path("properties").properties()) {
            String key = p.getKey();
            for (JsonNode bad : violations(op, p.getValue(), random)) {
                changes.add(() -> object.set(key, bad));
            }
            if (object.get(key) instanceof ObjectNode) {
                collect(op, p.getValue(), object.get(key), random, changes, depth + 1);
            }
        }
    }

    /** Text that is not the JSON the operation takes at all. */
    static final List<String> MALFORMED = List.of("", "{", "{\"a\":", "nul", "[1,2", "{\"a\" 1}", "{'a': 1}", "\u0000", "<xml/>",
            "{\"a\":1}}", "\"\\ud800\"", "[]", "42", "\"texto\"", "true");

    /** Nesting far past any parser's limit. */
    static String deep(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    static Map<String, String> headers(ApiSurface.Operation op, Random random) {
        Map<String, String> h = new java.util.LinkedHashMap<>();
        for (JsonNode p : op.parameters("header")) {
            String name = p.path("name").asString();
            if (name.equalsIgnoreCase("Authorization")) {
                continue;
            }
            h.put(name, random.nextBoolean() ? UUID.randomUUID().toString() : "x".repeat(1 + random.nextInt(300)));
        }
        return h;
    }
}
