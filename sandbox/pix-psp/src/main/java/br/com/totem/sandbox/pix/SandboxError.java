package br.com.totem.sandbox.pix;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An error with the BACEN shape: RFC 7807 plus {@code violacoes[{razao, propriedade}]}. */
public class SandboxError extends RuntimeException {

    public static final String TYPE_BASE = "https://pix.bcb.gov.br/api/v2/error/";

    private final int status;
    private final String type;
    private final String title;
    private final List<Map<String, String>> violacoes;

    public SandboxError(int status, String type, String title, String detail, List<Map<String, String>> violacoes) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.violacoes = violacoes == null ? List.of() : List.copyOf(violacoes);
    }

    public static SandboxError invalid(String type, String title, String detail, List<Map<String, String>> violacoes) {
        return new SandboxError(400, type, title, detail, violacoes);
    }

    public static SandboxError notFound(String what) {
        return new SandboxError(404, "NaoEncontrado", "Não Encontrado", what + " não encontrado(a).", null);
    }

    public static Map<String, String> violacao(String razao, String propriedade) {
        return Map.of("razao", razao, "propriedade", propriedade);
    }

    public int status() {
        return status;
    }

    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", getMessage());
        if (!violacoes.isEmpty()) {
            body.put("violacoes", violacoes);
        }
        return body;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
