package br.com.totem.print.push;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

import br.com.totem.print.escpos.PrinterStatus;

/**
 * Pushes a job to a printer's raw TCP port (9100) and reads its real-time status on the same
 * socket: {@code DLE EOT 1/2/4} before the job (a printer that is offline, out of paper or open is
 * not sent anything) and after it (paper near end, or a printer that stopped while printing). One
 * connection per job, closed promptly: a TM-class interface prints for one connection at a time.
 * Blocking I/O: callers run it off the event loop.
 */
public final class RawTcpPrinter {

    private final Duration connectTimeout;
    private final Duration readTimeout;

    public RawTcpPrinter(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** Reads the status only. */
    public PrinterStatus status(String host, int port) {
        try (Socket socket = connect(host, port)) {
            return query(socket);
        } catch (IOException e) {
            throw new PrinterUnavailableException("UNREACHABLE", null, "cannot reach " + host + ":" + port + ": " + e, e);
        }
    }

    /**
     * Prints {@code job}: status, job, status. Returns the status after the job.
     *
     * @throws PrinterUnavailableException when the printer is not ready before or after the job, or the
     *                                     connection fails
     */
    public PrinterStatus print(String host, int port, byte[] job) {
        Socket socket;
        try {
            socket = connect(host, port);
        } catch (IOException e) {
            throw new PrinterUnavailableException("UNREACHABLE", null, "cannot reach " + host + ":" + port + ": " + e, e);
        }
        try (socket) {
            PrinterStatus before = query(socket);
            if (!before.ready()) {
                throw new PrinterUnavailableException(before.problem(), before, "printer not ready: " + before, null);
            }
            try {
                OutputStream out = socket.getOutputStream();
                out.write(job);
                out.flush();
            } catch (IOException e) {
                throw new PrinterUnavailableException("CONNECTION_LOST", null, "connection lost while sending the job: " + e, e);
            }
            PrinterStatus after = query(socket);
            if (!after.ready()) {
                throw new PrinterUnavailableException(after.problem(), after, "printer stopped during the job: " + after, null);
            }
            return after;
        } catch (IOException e) {
            throw new PrinterUnavailableException("CONNECTION_LOST", null, "connection failed: " + e, e);
        }
    }

    private Socket connect(String host, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
            socket.setSoTimeout((int) readTimeout.toMillis());
            socket.setTcpNoDelay(true);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** One query at a time, one byte per reply; stale bytes are drained first. */
    private PrinterStatus query(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            while (in.available() > 0) {
                in.skip(in.available());
            }
            OutputStream out = socket.getOutputStream();
            byte[] replies = new byte[3];
            for (int i = 0; i < 3; i++) {
                out.write(PrinterStatus.QUERY, i * 3, 3);
                out.flush();
                int b = in.read();
                if (b < 0) {
                    throw new PrinterUnavailableException("CONNECTION_LOST", null, "the printer closed the connection", null);
                }
                replies[i] = (byte) b;
            }
            return PrinterStatus.parse(replies[0], replies[1], replies[2]);
        } catch (SocketTimeoutException e) {
            throw new PrinterUnavailableException("NO_STATUS", null, "no status reply within " + readTimeout, e);
        } catch (IllegalArgumentException e) {
            throw new PrinterUnavailableException("NO_STATUS", null, e.getMessage(), e);
        } catch (IOException e) {
            throw new PrinterUnavailableException("CONNECTION_LOST", null, "connection failed: " + e, e);
        }
    }
}
