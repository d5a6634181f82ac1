package dev.railyard.engine.render.cloudinit;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.render.FileRenderer;
import dev.railyard.engine.render.GeneratedFile;
import dev.railyard.engine.render.RenderInput;
import dev.railyard.engine.render.k3s.HostScripts;
import dev.railyard.engine.render.k3s.K3sConfig;
import dev.railyard.engine.render.k3s.K3sRole;
import dev.railyard.engine.render.template.Block;
import dev.railyard.engine.render.template.Template;
import dev.railyard.engine.render.template.YamlEscaper;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cloud-init/manager.yaml} and {@code cloud-init/node.yaml} for the clouds. Both are Terraform
 * templates (see the contract in terraform/): Terraform supplies {@code k3s_config} (and, for
 * managers, {@code autoscaler_manifest}); everything else is rendered here from the plan, with
 * {@link YamlEscaper#forTerraformTemplate()} so that no value can start a Terraform interpolation.
 */
public final class CloudInitRenderer implements FileRenderer {

    /** Hetzner's limit for {@code user_data}; Azure's custom data allows more. */
    public static final int USER_DATA_LIMIT_BYTES = 32 * 1024;

    private static final Template CLOUD_CONFIG = Template.resource("cloud-init/cloud-config.yaml.tmpl");

    @Override
    public List<GeneratedFile> render(RenderInput input) {
        ClusterPlan plan = input.plan();
        if (!plan.spec().provider().isCloud()) return List.of();
        return List.of(
                GeneratedFile.text("cloud-init/manager.yaml", cloudConfig(plan, K3sRole.SERVER)),
                GeneratedFile.text("cloud-init/node.yaml", cloudConfig(plan, K3sRole.AGENT)));
    }

    static String cloudConfig(ClusterPlan plan, K3sRole role) {
        boolean manager = role == K3sRole.SERVER;
        boolean tailscale = plan.spec().network().tailscale().isEnabled();
        Map<String, Object> ctx = new HashMap<>();
        ctx.put("manager", manager);
        ctx.put("autoscaler", manager && plan.spec().size().isLarge());
        ctx.put("tailscale", tailscale);
        ctx.put("sshPortScript", new Block(HostScripts.sshPort(plan, null)));
        ctx.put("metadataGuardScript", new Block(HostScripts.metadataGuard(plan)));
        ctx.put("providerIdScript", manager ? "" : new Block(HostScripts.providerId(plan)));
        ctx.put("k3sConfig", new Block(K3sConfig.forRole(plan, role).yaml()));
        // With Tailscale, k3s takes the node IP and flannel interface from tailscale0 itself.
        ctx.put("tailscaleScript", tailscale ? new Block(HostScripts.tailscale(plan)) : "");
        ctx.put("nodeIpScript", tailscale ? "" : new Block(HostScripts.nodeIp(plan)));
        ctx.put("kernelModulesScript", new Block(HostScripts.kernelModules(plan, role)));
        ctx.put("installK3sScript", new Block(HostScripts.installK3s(plan, role, null)));
        String text = CLOUD_CONFIG.render(ctx, YamlEscaper.forTerraformTemplate());
        int size = text.getBytes(StandardCharsets.UTF_8).length;
        if (size >= USER_DATA_LIMIT_BYTES) {
            throw new IllegalStateException("cloud-init for a " + role.command() + " is " + size
                    + " bytes; Hetzner accepts at most " + USER_DATA_LIMIT_BYTES + " bytes of user_data");
        }
        return text;
    }
}
