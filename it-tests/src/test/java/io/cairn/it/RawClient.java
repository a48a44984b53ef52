package io.cairn.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A plain socket speaking RESP by hand, to assert exact reply bytes and to send what no client
 * library would (malformed input, inline commands, odd pipelines).
 */
public final class RawClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawClient(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setSoTimeout(10_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends a command as a RESP array of bulk strings. */
    public RawClient send(String... args) {
        StringBuilder sb = new StringBuilder();
        sb.append('*').append(args.length).append("\r\n");
        for (String a : args) {
            sb.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
        }
        return sendRaw(sb.toString());
    }

    public RawClient sendRaw(String bytes) {
        return sendRaw(bytes.getBytes(StandardCharsets.UTF_8));
    }

    public RawClient sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** Sends a command and returns its whole reply, in RESP text form. */
    public String call(String... args) {
        send(args);
        return readReply();
    }

    /** Reads one complete reply (nested aggregates included), returned as its exact RESP text. */
    public String readReply() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        readOne(buf);
        return buf.toString(StandardCharsets.UTF_8);
    }

    private void readOne(ByteArrayOutputStream buf) {
        String line = readLine();
        buf.writeBytes(line.getBytes(StandardCharsets.UTF_8));
        buf.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        char type = line.charAt(0);
        switch (type) {
            case '$', '=', '!' -> {
                int len = Integer.parseInt(line.substring(1));
                if (len >= 0) {
                    buf.writeBytes(readExactly(len + 2));
                }
            }
            case '*', '~', '>' -> {
                int n = Integer.parseInt(line.substring(1));
                for (int i = 0; i < n; i++) readOne(buf);
            }
            case '%', '|' -> {
                int n = Integer.parseInt(line.substring(1));
                for (int i = 0; i < 2 * n; i++) readOne(buf);
            }
            default -> { }
        }
    }

    private String readLine() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int prev = -1;
            while (true) {
                int c = in.read();
                if (c < 0) throw new IllegalStateException("connection closed; read so far: " + line);
                if (prev == '\r' && c == '\n') break;
                if (prev >= 0) line.write(prev);
                prev = c;
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private byte[] readExactly(int n) {
        try {
            return in.readNBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * True when the server has closed the connection (reads end of stream or a reset); false
     * when it is still open after the read timeout, so a server that forgets to close fails.
     */
    public boolean isClosedByServer() {
        try {
            return in.read() < 0;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
