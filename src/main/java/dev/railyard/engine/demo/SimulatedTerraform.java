package dev.railyard.engine.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.run.Cancellation;
import dev.railyard.engine.run.ChildProcesses;
import dev.railyard.engine.run.LogLine;
import dev.railyard.engine.run.ProcessResult;
import dev.railyard.engine.run.ProcessRunner;
import dev.railyard.engine.run.ProcessSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Terraform, simulated where Railyard runs it: as a child process. Answers {@code version -json}, {@code init},
 * {@code plan -json}, {@code apply -json} and {@code output -json} with the lines Terraform 1.11 prints, for the
 * resources of the exported {@code terraform/*.tf} (their real addresses, {@code count} expanded) and with realistic
 * durations divided by the demo's speed. Apply "creates" the servers in the simulated cloud with the host keys
 * Railyard passed in {@code TF_VAR_ssh_host_keys}, as cloud-init would install them.
 */
final class SimulatedTerraform implements ChildProcesses {

    static final String VERSION = "1.11.4";
    private static final Pattern RESOURCE = Pattern.compile("(?m)^resource\\s+\"([^\"]+)\"\\s+\"([^\"]+)\"\\s*\\{");
    private static final Pattern COUNT = Pattern.compile("(?m)^\\s+count\\s*=\\s*(\\S+)\\s*$");
    private static final Pattern OUTPUT = Pattern.compile("(?m)^output\\s+\"([^\"]+)\"");

    private final ClusterPlan plan;
    private final Pace pace;
    private final SimulatedCloud cloud;

    SimulatedTerraform(ClusterPlan plan, Pace pace, SimulatedCloud cloud) {
        this.plan = plan;
        this.pace = pace;
        this.cloud = cloud;
    }

    @Override
    public ProcessResult run(ProcessSpec spec, ProcessRunner.OutputHandler out, Cancellation cancellation) throws IOException {
        Instant start = pace.now();
        List<String> args = spec.command().subList(1, spec.command().size());
        String sub = args.isEmpty() ? "" : args.get(0);
        int exit;
        try {
            exit = switch (sub) {
                case "version" -> version(out);
                case "init" -> init(spec, out, cancellation);
                case "plan" -> plan(spec, out, cancellation);
                case "apply" -> apply(spec, out, cancellation);
                case "output" -> output(spec, out);
                case "destroy" -> destroy(spec, out, cancellation);
                default -> {
                    out.line(LogLine.Kind.ERR, "the simulated Terraform does not know `" + sub + "`");
                    yield 1;
                }
            };
        } catch (Cancellation.CancelledException e) {
            out.line(LogLine.Kind.ERR, "Interrupt received. Gracefully shutting down...");
            return new ProcessResult(130, Duration.between(start, pace.now()), true, false);
        } finally {
            out.idle();
        }
        return new ProcessResult(exit, Duration.between(start, pace.now()), false, false);
    }

    /** One resource address with its type, and how long creating it takes (seconds, at speed 1). */
    record Resource(String type, String name, Integer index) {
        String address() {
            return type + "." + name + (index == null ? "" : "[" + index + "]");
        }

        double seconds() {
            return switch (type) {
                case "hcloud_server" -> 38;
                case "hcloud_load_balancer" -> 12;
                case "hcloud_load_balancer_network" -> 24;
                case "hcloud_network_subnet", "hcloud_load_balancer_target", "hcloud_load_balancer_service" -> 3;
                default -> 1.5;
            };
        }
    }

    List<Resource> resources(Path dir) throws IOException {
        List<Resource> result = new ArrayList<>();
        for (Path file : tfFiles(dir)) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Matcher m = RESOURCE.matcher(text);
            while (m.find()) {
                int end = text.indexOf("\n}", m.end());
                Matcher count = COUNT.matcher(text.substring(m.end(), end < 0 ? text.length() : end));
                if (!count.find()) {
                    result.add(new Resource(m.group(1), m.group(2), null));
                    continue;
                }
                int n = switch (count.group(1)) {
                    case "local.manager_count" -> plan.spec().size().managerCount();
                    case "local.node_count" -> plan.spec().size().initialNodeCount();
                    default -> count.group(1).matches("\\d+") ? Integer.parseInt(count.group(1)) : 1;
                };
                for (int i = 0; i < n; i++) result.add(new Resource(m.group(1), m.group(2), i));
            }
        }
        return result;
    }

    private static List<Path> tfFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tf")).sorted().toList();
        }
    }

    private int version(ProcessRunner.OutputHandler out) {
        out.line(LogLine.Kind.OUT, "{\"terraform_version\":\"" + VERSION + "\",\"platform\":\"linux_amd64\",\"provider_selections\":{},"
                + "\"terraform_outdated\":false}");
        return 0;
    }

    private int init(ProcessSpec spec, ProcessRunner.OutputHandler out, Cancellation c) {
        String provider = plan.spec().provider().isAzure() ? "hashicorp/azurerm" : "hetznercloud/hcloud";
        String version = plan.spec().provider().isAzure() ? "4.14.0" : "1.52.0";
        for (String line : List.of("Initializing the backend...", "Initializing provider plugins...",
                "- Finding " + provider + " versions matching \"" + (plan.spec().provider().isAzure() ? "~> 4.0" : "~> 1.68") + "\"...",
                "- Installing " + provider + " v" + version + "...",
                "- Installed " + provider + " v" + version + " (signed by a HashiCorp partner, key ID 5219EACB3A77198B)",
                "Terraform has created a lock file .terraform.lock.hcl to record the provider selections it made above.",
                "Terraform has been successfully initialized!")) {
            pace.pause(line.startsWith("- Installing") ? 4 : 0.4, c);
            out.line(LogLine.Kind.OUT, line);
        }
        return 0;
    }

    private int plan(ProcessSpec spec, ProcessRunner.OutputHandler out, Cancellation c) throws IOException {
        out.line(LogLine.Kind.OUT, versionLine());
        List<Resource> resources = resources(spec.workingDir());
        boolean applied = !cloud.servers().isEmpty();
        for (Resource r : resources) {
            pace.pause(0.15, c);
            if (!applied) out.line(LogLine.Kind.OUT, event(r.address() + ": Plan to create", "planned_change",
                    "change", change(r, "create")));
        }
        int add = applied ? 0 : resources.size();
        out.line(LogLine.Kind.OUT, summary("Plan: " + add + " to add, 0 to change, 0 to destroy.", add, "plan"));
        return add == 0 ? 0 : 2;
    }

    private int apply(ProcessSpec spec, ProcessRunner.OutputHandler out, Cancellation c) throws IOException {
        out.line(LogLine.Kind.OUT, versionLine());
        List<Resource> resources = resources(spec.workingDir());
        if (!cloud.servers().isEmpty()) {
            out.line(LogLine.Kind.OUT, summary("Apply complete! Resources: 0 added, 0 changed, 0 destroyed.", 0, "apply"));
            return 0;
        }
        JsonNode hostKeys = KubeApi.JSON.readTree(spec.environment().getOrDefault("TF_VAR_ssh_host_keys", "{}"));
        List<SimulatedServer> servers = new ArrayList<>();
        long id = 57_120_000;
        for (Resource r : resources) {
            out.line(LogLine.Kind.OUT, event(r.address() + ": Creating...", "apply_start", "hook", change(r, "create")));
            int elapsed = 0;
            while (elapsed + 10 < r.seconds()) {
                pace.pause(10, c);
                elapsed += 10;
                ObjectNode hook = change(r, "create").put("elapsed_seconds", elapsed);
                out.line(LogLine.Kind.OUT, event(r.address() + ": Still creating... [" + elapsed + "s elapsed]", "apply_progress", "hook", hook));
            }
            pace.pause(r.seconds() - elapsed, c);
            id += 7;
            int total = (int) Math.round(r.seconds());
            ObjectNode hook = change(r, "create").put("id_key", "id").put("id_value", Long.toString(id)).put("elapsed_seconds", total);
            out.line(LogLine.Kind.OUT, event(r.address() + ": Creation complete after " + total + "s [id=" + id + "]", "apply_complete", "hook", hook));
            if (r.type().equals("hcloud_server") || r.type().equals("azurerm_linux_virtual_machine")) {
                boolean manager = r.name().contains("manager");
                int i = r.index() == null ? 0 : r.index();
                String name = plan.name() + (manager ? "-manager-" : "-node-") + (i + 1);
                String key = hostKeys.path(name).path("public").asText(null);
                if (key == null) throw new IOException("TF_VAR_ssh_host_keys has no key for " + name);
                servers.add(new SimulatedServer(name, "203.0.113." + ((manager ? 10 : 20) + i), "10.0." + (manager ? 1 : 2) + "." + (i + 2),
                        manager, key));
            }
        }
        servers.sort((a, b) -> Boolean.compare(b.manager(), a.manager()));
        cloud.created(servers);
        out.line(LogLine.Kind.OUT, summary("Apply complete! Resources: " + resources.size() + " added, 0 changed, 0 destroyed.",
                resources.size(), "apply"));
        out.line(LogLine.Kind.OUT, event("Outputs: " + outputNames(spec.workingDir()).size(), "outputs", "outputs", outputs(spec.workingDir(), false)));
        return 0;
    }

    /** Everything apply created, in reverse order; the simulated servers are gone afterwards. */
    private int destroy(ProcessSpec spec, ProcessRunner.OutputHandler out, Cancellation c) throws IOException {
        out.line(LogLine.Kind.OUT, versionLine());
        List<Resource> resources = new ArrayList<>(cloud.servers().isEmpty() ? List.of() : resources(spec.workingDir()));
        java.util.Collections.reverse(resources);
        for (Resource r : resources) {
            out.line(LogLine.Kind.OUT, event(r.address() + ": Destroying...", "apply_start", "hook", change(r, "delete")));
            double seconds = Math.max(1, r.seconds() / 3);
            pace.pause(seconds, c);
            ObjectNode hook = change(r, "delete").put("elapsed_seconds", (int) Math.round(seconds));
            out.line(LogLine.Kind.OUT, event(r.address() + ": Destruction complete after " + Math.round(seconds) + "s", "apply_complete", "hook", hook));
        }
        cloud.created(List.of());
        ObjectNode changes = KubeApi.NODES.objectNode().put("add", 0).put("change", 0).put("import", 0).put("remove", resources.size())
                .put("operation", "destroy");
        out.line(LogLine.Kind.OUT, event("Destroy complete! Resources: " + resources.size() + " destroyed.", "change_summary", "changes", changes));
        return 0;
    }

    private int output(ProcessSpec spec, ProcessRunner.OutputHandler out) throws IOException {
        if (cloud.servers().isEmpty()) {
            out.line(LogLine.Kind.OUT, "{}");
            return 0;
        }
        for (String line : KubeApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(outputs(spec.workingDir(), true)).split("\n")) {
            out.line(LogLine.Kind.OUT, line);
        }
        return 0;
    }

    private List<String> outputNames(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        for (Path file : tfFiles(dir)) {
            Matcher m = OUTPUT.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (m.find()) names.add(m.group(1));
        }
        return names;
    }

    /** The outputs Railyard reads, with the simulated cloud's values; the rest shown as Terraform shows unknown ones. */
    private ObjectNode outputs(Path dir, boolean withValues) throws IOException {
        ObjectNode outputs = KubeApi.NODES.objectNode();
        List<SimulatedServer> servers = cloud.servers();
        int port = plan.spec().network().sshPort() == null ? 22 : plan.spec().network().sshPort();
        for (String name : outputNames(dir)) {
            ObjectNode o = outputs.putObject(name).put("sensitive", false);
            switch (name) {
                case "manager_public_ips" -> servers.stream().filter(SimulatedServer::manager).forEach(s -> o.withArray("value").add(s.address()));
                case "node_public_ips" -> servers.stream().filter(s -> !s.manager()).forEach(s -> o.withArray("value").add(s.address()));
                case "manager_private_ips" -> servers.stream().filter(SimulatedServer::manager).forEach(s -> o.withArray("value").add(s.privateAddress()));
                case "kubeconfig_host" -> o.put("value", servers.get(0).address());
                case "ingress_ipv4" -> o.put("value", "203.0.113.5");
                case "ssh_user" -> o.put("value", "root");
                case "ssh_port" -> o.put("value", port);
                case "api_address" -> o.put("value", servers.get(0).privateAddress());
                default -> o.put("value", "(simulated)");
            }
            o.put("type", o.path("value").isArray() ? "list" : o.path("value").isNumber() ? "number" : "string");
            if (!withValues) o.remove("value");
        }
        return outputs;
    }

    private String versionLine() {
        return line(KubeApi.NODES.objectNode().put("@level", "info").put("@message", "Terraform " + VERSION).put("@module", "terraform.ui")
                .put("@timestamp", timestamp()).put("terraform", VERSION).put("type", "version").put("ui", "1.2"));
    }

    private String summary(String message, int add, String operation) {
        ObjectNode changes = KubeApi.NODES.objectNode().put("add", add).put("change", 0).put("import", 0).put("remove", 0).put("operation", operation);
        return event(message, "change_summary", "changes", changes);
    }

    private static ObjectNode change(Resource r, String action) {
        ObjectNode c = KubeApi.NODES.objectNode();
        ObjectNode res = c.putObject("resource").put("addr", r.address()).put("module", "").put("resource", r.address())
                .put("implied_provider", r.type().substring(0, r.type().indexOf('_'))).put("resource_type", r.type())
                .put("resource_name", r.name());
        if (r.index() != null) res.put("resource_key", r.index());
        return c.put("action", action);
    }

    private String event(String message, String type, String field, JsonNode value) {
        ObjectNode e = KubeApi.NODES.objectNode().put("@level", "info").put("@message", message).put("@module", "terraform.ui")
                .put("@timestamp", timestamp());
        e.set(field, value);
        return line(e.put("type", type));
    }

    private String timestamp() {
        return java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(pace.now().atOffset(java.time.ZoneOffset.UTC).withNano(0));
    }

    private static String line(JsonNode node) {
        try {
            return KubeApi.JSON.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
