package dev.railyard.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The child process of {@link LogViewBench}: prints {@code args[0]} lines shaped like
 * {@code terraform apply} output, every 1,000th carrying the secret from {@code BENCH_SECRET} (from
 * the environment, as Railyard hands secrets to children) so redaction has real work to do.
 */
public final class LogLinePrinter {

    private LogLinePrinter() {}

    public static void main(String[] args) throws IOException {
        int lines = Integer.parseInt(args[0]);
        String secret = System.getenv().getOrDefault("BENCH_SECRET", "");
        OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
        StringBuilder b = new StringBuilder(128);
        for (int i = 0; i < lines; i++) {
            b.setLength(0);
            b.append("hcloud_server.node[").append(i % 12).append("]: Still creating... [").append(i / 1000).append("s elapsed]");
            if (i % 1000 == 999) b.append(" token=").append(secret);
            b.append('\n');
            out.write(b.toString().getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
    }
}
