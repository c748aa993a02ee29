package br.com.totem.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * infra/alertmanager passes {@code amtool check-config} (the Debian package {@code prometheus-alertmanager}),
 * holds no secret (only {@code *_file} settings, which docker compose fills from documented environment
 * variables), and its message templates render.
 */
class AlertmanagerConfigTest {

    static final Path CONFIG = Path.of("infra/alertmanager/alertmanager.yml");

    @BeforeAll
    static void amtoolIsInstalled() {
        Tools.assertInstalled("amtool", "prometheus-alertmanager");
    }

    @Test
    void theConfigurationPassesAmtool() throws Exception {
        Tools.Result check = Tools.run(Repo.root(), "amtool", "check-config", CONFIG.toString());
        assertThat(check.exitCode()).as("amtool check-config:\n%s", check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS");
    }

    @Test
    void noSecretIsWrittenInItAndComposeMakesEachSecretFileFromADocumentedVariable() throws Exception {
        String text = Files.readString(Repo.root().resolve(CONFIG));
        // the settings that would carry a secret inline
        for (String inline : List.of("slack_api_url:", "api_url:", "smtp_auth_password:", "auth_password:",
                "smtp_auth_secret:", "bot_token:", "webhook_url:", "routing_key:", "service_key:")) {
            assertThat(text).as("%s holds no inline %s", CONFIG, inline).doesNotContainPattern("(?m)^\\s*" + Pattern.quote(inline));
        }
        Map<String, Object> compose = Repo.yaml(Repo.root().resolve("docker-compose.yml"));
        Map<String, Object> secrets = Repo.map(compose.get("secrets"));
        Map<String, Object> alertmanager = Repo.map(Repo.map(compose.get("services")).get("alertmanager"));
        List<?> mounted = (List<?>) alertmanager.get("secrets");
        java.util.Set<String> documented = EnvExample.documented(Repo.root());
        List<String> problems = new ArrayList<>();
        Matcher files = Pattern.compile("_file:\\s*/run/secrets/([a-z_]+)").matcher(text);
        int found = 0;
        while (files.find()) {
            found++;
            String secret = files.group(1);
            if (!mounted.contains(secret)) {
                problems.add(secret + " is not among the alertmanager service's secrets");
            }
            Object variable = Repo.map(secrets.get(secret)).get("environment");
            if (variable == null) {
                problems.add(secret + " is not made from an environment variable in docker-compose.yml");
            } else if (!documented.contains(variable.toString())) {
                problems.add(variable + " is not documented in .env.example");
            }
        }
        assertThat(found).as("secret files read by %s", CONFIG).isGreaterThanOrEqualTo(2);
        assertThat(problems).isEmpty();
    }

    @Test
    void theSlackAndEmailTemplatesRender() throws Exception {
        Path templates = Repo.root().resolve("infra/alertmanager/templates");
        for (String name : List.of("totem.slack.title", "totem.slack.text", "totem.email.subject", "totem.email.html")) {
            // amtool renders with its own example alerts (firing, with an instance label)
            Tools.Result r = Tools.run(templates, "amtool", "template", "render", "--template.glob=*.tmpl",
                    "--template.text={{ template \"" + name + "\" . }}");
            assertThat(r.exitCode()).as("%s renders:\n%s", name, r.output()).isZero();
            assertThat(r.output()).as(name).isNotBlank();
        }
        Tools.Result text = Tools.run(templates, "amtool", "template", "render", "--template.glob=*.tmpl",
                "--template.text={{ template \"totem.slack.text\" . }}");
        assertThat(text.output()).contains("Since ", "instance `");
    }
}
