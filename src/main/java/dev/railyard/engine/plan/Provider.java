package dev.railyard.engine.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** Where the cluster runs: a cloud Railyard creates servers in, or servers that already exist. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "hetzner", "azure", "existing"})
public record Provider(String type, Hetzner hetzner, Azure azure, Existing existing) {

    public static final String HETZNER = "hetzner";
    public static final String AZURE = "azure";
    public static final String EXISTING = "existing";
    public static final List<String> TYPES = List.of(HETZNER, AZURE, EXISTING);

    @JsonIgnore
    public boolean isHetzner() { return HETZNER.equals(type); }
    @JsonIgnore
    public boolean isAzure() { return AZURE.equals(type); }
    @JsonIgnore
    public boolean isExisting() { return EXISTING.equals(type); }
    /** Whether Railyard creates the servers with Terraform. */
    @JsonIgnore
    public boolean isCloud() { return isHetzner() || isAzure(); }

    /** The location of the chosen cloud, or {@code null} for existing servers. */
    @JsonIgnore
    public String location() {
        if (isHetzner() && hetzner != null) return hetzner.location();
        if (isAzure() && azure != null) return azure.location();
        return null;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"location", "tokenRef"})
    public record Hetzner(String location, String tokenRef) {}

    /**
     * An Azure service principal: {@code credentialsRef} points at the client secret; the tenant and
     * client ids are not secret.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"location", "subscriptionId", "tenantId", "clientId", "resourceGroup", "credentialsRef"})
    public record Azure(String location, String subscriptionId, String tenantId, String clientId,
                        String resourceGroup, String credentialsRef) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Existing(List<Host> hosts) {
        public Existing {
            hosts = hosts == null ? List.of() : List.copyOf(hosts);
        }
    }

    /** A server that already exists (a Raspberry Pi, a laptop VM): reached over SSH as it is today. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"name", "address", "role", "sshUser", "sshPort"})
    public record Host(String name, String address, String role, String sshUser, Integer sshPort) {
        public static final String MANAGER = "manager";
        public static final String NODE = "node";

        @JsonIgnore
        public boolean isManager() { return MANAGER.equals(role); }
    }
}
