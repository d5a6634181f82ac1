package dev.railyard.engine.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.render.terraform.ServerNames;
import dev.railyard.engine.secrets.SecretStore;
import dev.railyard.engine.ssh.HostKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SSH host key of every cloud server Railyard creates, made on the admin's machine and kept in the
 * secret store, so that the first connection to a new server is already verified (no trust on first use).
 * Terraform hands each key to its server's cloud-init ({@code var.ssh_host_keys}); the run writes the
 * public halves into its known_hosts once Terraform has said where the servers are.
 *
 * <p>Keys are named like the servers Terraform creates and {@link Hosts#fromTerraformOutputs} reports:
 * {@code <cluster>-manager-<n>} and {@code <cluster>-node-<n>}, counted from 1. Preset large adds one key,
 * {@code <cluster>-pool}, shared by every server cluster-autoscaler creates: they all boot from one
 * cloud-init, and Railyard never connects to them over SSH (it only talks to their Kubernetes API), so
 * nobody relies on that key to tell them apart. On Azure the large preset's nodes are all such servers
 * (a scale set); on Hetzner Terraform still creates the first {@code autoscale.min} nodes itself, each with
 * its own key.
 *
 * <p>Each key is stored once, as its OpenSSH private key file (the public half is in its header), and reused
 * by every later run, resume and re-export: a new key would not reach a running server (cloud-init reads it
 * once) and would only make the next connection fail.
 */
public final class ServerHostKeys {

    private final Map<String, HostKeys> byServer;
    private final List<String> missing;

    private ServerHostKeys(Map<String, HostKeys> byServer, List<String> missing) {
        this.byServer = byServer;
        this.missing = missing;
    }

    /** The key names of a plan, managers first, in Terraform's order; empty for existing servers. */
    public static List<String> serverNames(ClusterPlan plan) {
        return ServerNames.hostKeyNames(plan);
    }

    /** Where the key of one server lives in the secret store: under the cluster's name, like the k3s token. */
    public static String storeName(ClusterPlan plan, String serverName) {
        String prefix = plan.name() + "-";
        String shortName = serverName.startsWith(prefix) ? serverName.substring(prefix.length()) : serverName;
        return RunSecrets.storeName(plan, "ssh-host-key." + shortName);
    }

    /**
     * The keys of every server of the plan from {@code store}; with {@code generateMissing}, a key not yet
     * there is generated and stored first. Keys that are neither there nor generated are listed by {@link #missing}.
     */
    static ServerHostKeys resolve(ClusterPlan plan, SecretStore store, boolean generateMissing) {
        Map<String, HostKeys> keys = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String server : serverNames(plan)) {
            String name = storeName(plan, server);
            Optional<String> stored = store == null ? Optional.empty() : store.get(name);
            if (stored.isPresent()) {
                keys.put(server, HostKeys.fromPrivateKey(stored.get(), server));
            } else if (generateMissing && store != null && store.available()) {
                HostKeys generated = HostKeys.generateEd25519(server);
                store.put(name, generated.privateKeyPem());
                keys.put(server, generated);
            } else {
                missing.add("SSH host key of " + server + ": " + RunSecrets.notKept(store, name));
            }
        }
        return new ServerHostKeys(keys, missing);
    }

    /** Server name to its keys, in {@link #serverNames} order. */
    public Map<String, HostKeys> byServer() {
        return byServer;
    }

    /** The public key line Railyard expects from a server ("ssh-ed25519 AAAA... name"), if it made one. */
    public Optional<String> publicKeyOf(String serverName) {
        return Optional.ofNullable(byServer.get(serverName)).map(HostKeys::publicKeyLine);
    }

    List<String> missing() {
        return missing;
    }

    List<String> privateKeys() {
        return byServer.values().stream().map(HostKeys::privateKeyPem).toList();
    }

    /**
     * {@code TF_VAR_ssh_host_keys}: a JSON object from server name to {@code {"private": ..., "public": ...}},
     * the shape of the variable in variables.tf.
     */
    String terraformVariable() {
        Map<String, Map<String, String>> value = new LinkedHashMap<>();
        byServer.forEach((server, keys) -> value.put(server, Map.of("private", keys.privateKeyPem(), "public", keys.publicKeyLine())));
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("strings always make JSON", e);
        }
    }

    @Override
    public String toString() {
        return "ServerHostKeys" + byServer.keySet() + " (private keys hidden)";
    }
}
