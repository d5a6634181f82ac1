package dev.railyard.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.databind.MappingIterator;
import dev.railyard.engine.ssh.SshSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Questions the boot tests ask a booted guest over one SSH session, through sudo where they need root. */
final class Guest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final SshSession session;

    Guest(SshSession session) {
        this.session = session;
    }

    SshSession session() {
        return session;
    }

    RealVm.Result run(String command) {
        return RealVm.exec(session, command);
    }

    /** Runs a command as root that must succeed, and returns its output. */
    String root(String command) {
        RealVm.Result r = run("sudo -n sh -c " + shellQuote(command) + " 2>&1");
        assertThat(r.exit()).as("`%s` in the guest:%n%s", command, r.output()).isZero();
        return r.output();
    }

    /** The TCP ports something listens on, from {@code ss -ltn}. */
    TreeSet<Integer> listeningTcpPorts() {
        TreeSet<Integer> ports = new TreeSet<>();
        for (String line : root("ss -ltnH").split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length < 4) continue;
            String local = columns[3];
            ports.add(Integer.parseInt(local.substring(local.lastIndexOf(':') + 1)));
        }
        return ports;
    }

    /** {@code ss -ltnp} for a failure message: who listens where. */
    String listeners() {
        return root("ss -ltnp");
    }

    /** Raw table PREROUTING rules as iptables -S prints them. */
    List<String> rawPrerouting() {
        return List.of(root("iptables -t raw -S PREROUTING").split("\n"));
    }

    /** cloud-init's own end-of-boot record: {@code /run/cloud-init/result.json}. */
    JsonNode cloudInitResult() {
        try {
            return new ObjectMapper().readTree(root("cat /run/cloud-init/result.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String outputLog() {
        return root("cat /var/log/cloud-init-output.log");
    }

    boolean exists(String path) {
        return run("sudo -n test -e " + shellQuote(path)).exit() == 0;
    }

    /**
     * The configuration the k3s stand-in found when it was run: config.yaml then config.yaml.d/*.yaml in
     * order, merged as k3s merges them (a later file's key replaces an earlier one; {@code key+} appends).
     */
    Map<String, Object> k3sConfigAsK3sReadsIt() {
        String recorded = root("cat /var/lib/railyard-stand-in/config");
        Map<String, Object> merged = new LinkedHashMap<>();
        try (MappingIterator<Map<String, Object>> docs = YAML.readerForMapOf(Object.class).readValues(recorded)) {
            while (docs.hasNext()) {
                Map<String, Object> doc = docs.next();
                if (doc == null) continue;
                for (var e : doc.entrySet()) {
                    if (e.getKey().endsWith("+")) {
                        String key = e.getKey().substring(0, e.getKey().length() - 1);
                        List<Object> list = new ArrayList<>(asList(merged.get(key)));
                        list.addAll(asList(e.getValue()));
                        merged.put(key, list);
                    } else {
                        merged.put(e.getKey(), e.getValue());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return merged;
    }

    /** What the k3s stand-in's caller put in its environment (INSTALL_K3S_EXEC, INSTALL_K3S_VERSION, ...). */
    Map<String, String> k3sInstallEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : root("cat /var/lib/railyard-stand-in/install-env").split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) env.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return env;
    }

    private static List<Object> asList(Object value) {
        if (value == null) return List.of();
        if (value instanceof List<?> list) return new ArrayList<>(list);
        return List.of(value);
    }

    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
