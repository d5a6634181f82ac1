package dev.railyard.engine.render.existing;

/**
 * Text that goes verbatim between {@code <<'RAILYARD_EOF'} and {@code RAILYARD_EOF} in a host script.
 * The quoted delimiter turns off every expansion, so the only way the text could change the script is
 * a line equal to the delimiter, which {@link HostScriptEscaper} refuses.
 */
public record HeredocBody(String text) {

    public static final String DELIMITER = "RAILYARD_EOF";
}
