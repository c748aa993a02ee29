package br.com.totem.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;

/**
 * A downstream stand-in for routing tests: answers every request with JSON naming itself and
 * echoing the method, path and headers it received; with {@code X-Echo-Status: N} it answers N
 * with a problem body of its own instead. The real services are exercised by e2e/.
 */
final class EchoServer implements AutoCloseable {

    private final HttpServer server;

    EchoServer(String name) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String headers = exchange.getRequestHeaders().entrySet().stream()
                    .map(e -> "\"" + e.getKey().toLowerCase() + "\":\"" + String.join(",", e.getValue()).replace("\"", "'") + "\"")
                    .collect(Collectors.joining(","));
            byte[] body = ("{\"service\":\"" + name + "\",\"method\":\"" + exchange.getRequestMethod() + "\",\"path\":\""
                    + exchange.getRequestURI().getPath() + "\",\"query\":\""
                    + String.valueOf(exchange.getRequestURI().getRawQuery()).replace("\"", "'") + "\",\"headers\":{" + headers + "}}").getBytes(StandardCharsets.UTF_8);
            int status = 200;
            String scripted = exchange.getRequestHeaders().getFirst("X-Echo-Status");
            if (scripted != null) {
                // a service's own error answer, e.g. payment-service's 503 "Pix indisponível"
                status = Integer.parseInt(scripted);
                body = ("{\"type\":\"https://totem.dev/problems/psp-unavailable\",\"status\":" + status
                        + ",\"title\":\"Pix indisponível no momento\",\"manualPaymentAvailable\":true,\"service\":\"" + name
                        + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            } else {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
            }
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
