package dev.railyard.engine.render.terraform;

import dev.railyard.engine.plan.Provider;
import dev.railyard.engine.render.FileRenderer;
import dev.railyard.engine.render.GeneratedFile;
import dev.railyard.engine.render.RenderInput;
import java.util.List;

/**
 * {@code terraform/} for the clouds Railyard creates servers in. Existing servers need no Terraform, so that
 * provider renders nothing here.
 *
 * <p>The files never hold a secret: credentials and the k3s token are {@code sensitive} variables that
 * Railyard feeds through {@code TF_VAR_*} at run time, so these files are the same with or without
 * {@code --include-secrets}.
 */
public final class TerraformRenderer implements FileRenderer {

    private final HetznerTerraformRenderer hetzner = new HetznerTerraformRenderer();
    private final AzureTerraformRenderer azure = new AzureTerraformRenderer();

    @Override
    public List<GeneratedFile> render(RenderInput input) {
        Provider provider = input.plan().spec().provider();
        if (provider.isHetzner()) return hetzner.render(input);
        if (provider.isAzure()) return azure.render(input);
        return List.of();
    }
}
