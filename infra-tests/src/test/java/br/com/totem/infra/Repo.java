package br.com.totem.infra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.Yaml;

/** The repository these tests check: its root, its modules, its YAML files. */
final class Repo {

    private Repo() {
    }

    /** The reactor root: the nearest directory up from the working directory with mvnw and pom.xml. */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("mvnw")) && Files.isRegularFile(d.resolve("pom.xml"))
                    && Files.isDirectory(d.resolve("infra-tests"))) {
                return d;
            }
        }
        throw new IllegalStateException("no Totem root above " + dir);
    }

    /** The {@code <module>} entries of the root pom (commented-out ones are not modules). */
    static List<String> modules() throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var doc = factory.newDocumentBuilder().parse(root().resolve("pom.xml").toFile());
        Element modules = (Element) doc.getDocumentElement().getElementsByTagName("modules").item(0);
        NodeList list = modules.getElementsByTagName("module");
        List<String> result = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            result.add(list.item(i).getTextContent().trim());
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Object loaded = new Yaml().load(in);
            return loaded == null ? Map.of() : (Map<String, Object>) loaded;
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
