package dev.railyard.engine.render.terraform;

import dev.railyard.engine.render.GeneratedFile;
import dev.railyard.engine.render.template.HclEscaper;
import dev.railyard.engine.render.template.Template;
import dev.railyard.engine.render.template.YamlEscaper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders one cloud's set of Terraform templates into {@code terraform/}. */
final class TerraformFiles {

    static final String DIR = "terraform/";
    /** The manifest Terraform itself renders (templatefile) into the managers' {@code autoscaler_manifest}. */
    static final String AUTOSCALER_TEMPLATE = "cluster-autoscaler.yaml.tftpl";

    private static final List<String> HCL_FILES = List.of("versions.tf", "variables.tf", "main.tf", "outputs.tf");

    private TerraformFiles() {}

    /**
     * @param cloud the template folder ({@code hetzner} or {@code azure})
     * @param withAutoscaler whether to add {@code cluster-autoscaler.yaml.tftpl} (preset large)
     */
    static List<GeneratedFile> render(String cloud, Map<String, Object> context, boolean withAutoscaler) {
        List<GeneratedFile> files = new ArrayList<>();
        for (String name : HCL_FILES) {
            String text = Template.resource("terraform/" + cloud + "/" + name + ".tmpl").render(context, HclEscaper.INSTANCE);
            files.add(GeneratedFile.text(DIR + name, text));
        }
        if (withAutoscaler) {
            // YAML that Terraform's templatefile() reads: plan values are YAML-quoted and their ${ and %{ escaped,
            // so only the template's own ${...} placeholders are filled in by Terraform.
            String text = Template.resource("terraform/" + cloud + "/" + AUTOSCALER_TEMPLATE + ".tmpl")
                    .render(context, YamlEscaper.forTerraformTemplate());
            files.add(GeneratedFile.text(DIR + AUTOSCALER_TEMPLATE, text));
        }
        return List.copyOf(files);
    }
}
