package dev.railyard.engine.coder;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A workspace template as the POSIX ustar archive Coder's files API takes. Deterministic: entries in
 * name order, mode 0644, owner 0:0, no user or group names, modification time 0, so the same files give
 * the same bytes and the same {@link #versionName()}, which is how a rerun knows the template is already
 * there.
 */
public final class TemplateArchive {

    private static final int BLOCK = 512;

    private final SortedMap<String, byte[]> files;
    private final byte[] bytes;

    public TemplateArchive(Map<String, byte[]> files) {
        if (files.isEmpty()) throw new IllegalArgumentException("a template needs at least one file");
        this.files = new TreeMap<>();
        files.forEach((name, content) -> this.files.put(checkName(name), content.clone()));
        this.bytes = build();
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public SortedMap<String, byte[]> files() {
        TreeMap<String, byte[]> copy = new TreeMap<>();
        files.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    /** "railyard-" and the first 12 hex digits of the archive's SHA-256: a valid Coder template version name. */
    public String versionName() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "railyard-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String checkName(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.contains("..") || name.contains("\\")
                || name.getBytes(StandardCharsets.UTF_8).length > 100) {
            throw new IllegalArgumentException("template file name '" + name + "' must be a relative path of at most 100 bytes without '..'");
        }
        return name;
    }

    private byte[] build() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            byte[] header = new byte[BLOCK];
            put(header, 0, 100, e.getKey().getBytes(StandardCharsets.UTF_8));
            octal(header, 100, 8, 0644);
            octal(header, 108, 8, 0);
            octal(header, 116, 8, 0);
            octal(header, 124, 12, e.getValue().length);
            octal(header, 136, 12, 0);
            header[156] = '0';
            put(header, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
            put(header, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
            for (int i = 148; i < 156; i++) header[i] = ' ';
            int sum = 0;
            for (byte b : header) sum += b & 0xff;
            octal(header, 148, 7, sum);
            header[155] = ' ';
            out.writeBytes(header);
            out.writeBytes(e.getValue());
            int pad = (BLOCK - e.getValue().length % BLOCK) % BLOCK;
            out.writeBytes(new byte[pad]);
        }
        out.writeBytes(new byte[2 * BLOCK]);
        return out.toByteArray();
    }

    private static void put(byte[] header, int at, int length, byte[] value) {
        System.arraycopy(value, 0, header, at, Math.min(length, value.length));
    }

    /** A zero-padded octal number of {@code length - 1} digits and a NUL. */
    private static void octal(byte[] header, int at, int length, long value) {
        String digits = Long.toOctalString(value);
        String padded = "0".repeat(Math.max(0, length - 1 - digits.length())) + digits;
        put(header, at, length - 1, padded.getBytes(StandardCharsets.US_ASCII));
        header[at + length - 1] = 0;
    }
}
