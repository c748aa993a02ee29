package br.com.totem.sandbox.printer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The printer's raw TCP port (9100 by default): bidirectional, so {@code DLE EOT} is answered on the
 * same socket. Like an Epson UB-E02 interface, several connections are accepted but only one prints
 * at a time; the others wait until it closes. Idle connections are closed after
 * {@code sandbox.printer.idle-timeout} (5 minutes on the real board).
 */
@Component
public class TcpPrinterServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TcpPrinterServer.class);

    private final PrinterState state;
    private final int configuredPort;
    private final String bindAddress;
    private final int idleTimeoutMs;
    private final ReentrantLock printing = new ReentrantLock(true);
    private volatile ServerSocket server;
    private ExecutorService executor;

    public TcpPrinterServer(PrinterState state, @Value("${sandbox.printer.port:9100}") int port,
                            @Value("${sandbox.printer.bind-address:127.0.0.1}") String bindAddress,
                            @Value("${sandbox.printer.idle-timeout-ms:300000}") int idleTimeoutMs) {
        this.state = state;
        this.configuredPort = port;
        this.bindAddress = bindAddress;
        this.idleTimeoutMs = idleTimeoutMs;
    }

    /** The port actually bound (differs from the configured one when that is 0). */
    public int port() {
        return server.getLocalPort();
    }

    @Override
    public void start() {
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), configuredPort), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + bindAddress + ":" + configuredPort, e);
        }
        executor = Executors.newVirtualThreadPerTaskExecutor();
        executor.submit(this::acceptLoop);
        log.info("ESC/POS printer listening on {}:{}", bindAddress, port());
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                executor.submit(() -> serve(socket));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    log.warn("accept failed: {}", e.toString());
                }
            }
        }
    }

    private void serve(Socket socket) {
        printing.lock();
        try (socket) {
            socket.setSoTimeout(idleTimeoutMs);
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            PrinterState.Condition atStart = state.condition();
            int dropAfter = state.takeDropAfterBytes();
            EscPosDecoder decoder = new EscPosDecoder(n -> reply(out, state.condition().status(n)), ticket -> {
                if (state.condition().canPrint()) {
                    state.printed(ticket);
                } else {
                    state.discarded(ticket.bytes());
                }
            }, state::nextSequence);
            byte[] buffer = new byte[64];
            int total = 0;
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (dropAfter > 0 && total + read >= dropAfter) {
                    decoder.accept(buffer, dropAfter - total);
                    decoder.endOfStream();
                    log.info("dropping the connection mid-job after {} bytes, as asked", dropAfter);
                    socket.setSoLinger(true, 0); // RST, as a printer losing power would
                    return;
                }
                total += read;
                decoder.accept(buffer, read);
                long slow = state.condition().slowMs();
                if (slow > 0) {
                    Thread.sleep(slow);
                }
            }
            decoder.endOfStream();
            if (!atStart.canPrint()) {
                log.info("connection closed while not ready; its data was not printed");
            }
        } catch (SocketException | UncheckedIOException e) {
            log.debug("connection ended: {}", e.toString());
        } catch (IOException e) {
            log.info("connection failed: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            printing.unlock();
        }
    }

    private static void reply(OutputStream out, int status) {
        try {
            out.write(status);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException e) {
            log.debug("close failed: {}", e.toString());
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return server != null && !server.isClosed();
    }
}
