package dev.railyard.engine.render.terraform;

import dev.railyard.engine.plan.Provider;
import dev.railyard.engine.render.GeneratedFile;
import dev.railyard.engine.render.RenderInput;
import java.util.List;
import java.util.Map;

/**
 * Azure: a resource group, one virtual network and subnet, a network security group, static public IPs
 * known before the VMs exist, managers in an availability set, nodes as VMs (or, for preset large, a VM
 * scale set grown by cluster-autoscaler), a public Standard load balancer for 22/80/443 and, with three
 * managers, an internal one for the Kubernetes API.
 */
final class AzureTerraformRenderer {

    List<GeneratedFile> render(RenderInput input) {
        TerraformPlanValues values = TerraformPlanValues.of(input.plan());
        Provider.Azure azure = input.plan().spec().provider().azure();
        if (azure == null) throw new IllegalArgumentException("spec.provider.azure is needed for provider type azure");
        Map<String, Object> ctx = values.context();
        ctx.put("subscriptionId", required(azure.subscriptionId(), "subscriptionId"));
        ctx.put("tenantId", required(azure.tenantId(), "tenantId"));
        ctx.put("clientId", required(azure.clientId(), "clientId"));
        ctx.put("resourceGroup", azure.resourceGroup() == null ? values.name() + "-rg" : azure.resourceGroup());
        ctx.put("vmssName", values.name() + "-nodes");
        ctx.put("fixedNodes", !values.large());
        ClusterAutoscalerRelease autoscaler = ClusterAutoscalerRelease.forK3s(values.k3sVersion());
        ctx.put("autoscaler", autoscaler.templateValues());
        return TerraformFiles.render("azure", ctx, values.large());
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("spec.provider.azure." + field + " is needed to generate Terraform and is empty");
        }
        return value;
    }
}
