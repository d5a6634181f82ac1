package dev.railyard.engine.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** Host SSH, who may administer the cluster, the address ranges and the optional tailnet. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"sshPort", "adminCidrs", "privateCidr", "podCidr", "serviceCidr", "tailscale"})
public record Network(Integer sshPort, List<String> adminCidrs, String privateCidr, String podCidr,
                      String serviceCidr, Tailscale tailscale) {

    public static final int DEFAULT_SSH_PORT = 2244;
    public static final String DEFAULT_PRIVATE_CIDR = "10.0.0.0/16";
    public static final String DEFAULT_POD_CIDR = "10.42.0.0/16";
    public static final String DEFAULT_SERVICE_CIDR = "10.43.0.0/16";

    public Network {
        adminCidrs = adminCidrs == null ? List.of() : List.copyOf(adminCidrs);
        tailscale = tailscale == null ? new Tailscale(false, null, null, null, null) : tailscale;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"enabled", "tag", "adminGroup", "ssh", "authKeyRef"})
    public record Tailscale(Boolean enabled, String tag, String adminGroup, Boolean ssh, String authKeyRef) {
        @JsonIgnore
        public boolean isEnabled() { return Boolean.TRUE.equals(enabled); }
        @JsonIgnore
        public boolean sshEnabled() { return Boolean.TRUE.equals(ssh); }
    }
}
