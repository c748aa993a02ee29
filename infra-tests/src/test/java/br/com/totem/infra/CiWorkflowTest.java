package br.com.totem.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The image job of .github/workflows/ci.yml builds every runnable module on its own port. */
class CiWorkflowTest {

    @Test
    void theImageMatrixCoversEveryRunnableModule() throws Exception {
        ComposeFileTest.load();
        var workflow = Repo.yaml(Repo.root().resolve(".github/workflows/ci.yml"));
        var images = Repo.map(Repo.map(workflow.get("jobs")).get("images"));
        var include = (List<?>) Repo.map(Repo.map(images.get("strategy")).get("matrix")).get("include");
        Map<String, String> portByModule = new HashMap<>();
        for (Object entry : include) {
            var m = Repo.map(entry);
            portByModule.put(String.valueOf(m.get("module")), String.valueOf(m.get("port")));
        }
        ComposeFileTest.runnableModules().forEach((module, port) -> assertThat(portByModule)
                .as("ci.yml image matrix").containsEntry(module, String.valueOf(port)));
    }
}
