package dev.railyard.engine.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Connects, reads the server's first line and hangs up without sending anything: enough to tell
 * OpenSSH ({@code SSH-2.0-OpenSSH_9.2}) from Gitpod's SSH gateway, and never a login attempt.
 */
public final class TcpBannerProbe implements HostProbe {

    /** RFC 4253 limits the identification line to 255 characters. */
    private static final int MAX_BANNER = 255;

    @Override
    public HostProbeResult probe(String host, int port, Duration timeout) {
        int millis = (int) Math.max(1, timeout.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), millis);
            socket.setSoTimeout(millis);
            return new HostProbeResult(host, port, true, readLine(socket.getInputStream()), "connected");
        } catch (SocketTimeoutException e) {
            return new HostProbeResult(host, port, false, "", "no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new HostProbeResult(host, port, false, "", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        try {
            int c;
            while (line.length() < MAX_BANNER && (c = in.read()) >= 0 && c != '\n') {
                if (c != '\r') line.append((char) c);
            }
        } catch (SocketTimeoutException e) {
            // connected but silent: some services wait for the client to speak first
        }
        return new String(line.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8).strip();
    }
}
