package dev.railyard.engine.cluster;

import dev.railyard.engine.cluster.ClusterScenarios.Scenario;
import dev.railyard.engine.cluster.checks.ShiftfsCheck;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.Map;

/**
 * Loads a scenario into a fabric8 mock server in CRUD mode. Pod logs are not part of CRUD state, so
 * they are served as expectations: in CRUD mode the mock uses a mixed dispatcher that answers
 * expectations first and falls back to the stored objects.
 */
final class MockClusters {

    private MockClusters() {}

    static void load(KubernetesMockServer server, KubernetesClient client, Scenario scenario) {
        server.expectCustomResource(crd(SnapshotGatherer.CERTIFICATES));
        server.expectCustomResource(crd(SnapshotGatherer.CHALLENGES));
        for (HasMetadata object : scenario.objects()) {
            client.resource(object).create();
            if (object instanceof Pod pod) {
                // CRUD mode keeps status only through the status subresource, as a real API server does
                client.resource(pod).updateStatus();
            }
        }
        for (GenericKubernetesResource cert : scenario.certificates()) {
            client.genericKubernetesResources(SnapshotGatherer.CERTIFICATES).resource(cert).create();
        }
        for (GenericKubernetesResource challenge : scenario.challenges()) {
            client.genericKubernetesResources(SnapshotGatherer.CHALLENGES).resource(challenge).create();
        }
        // ws-daemon's current log is always read; without an answer the CRUD mock returns a list of every
        // object, which mentions shiftfs-module-loader and the crash-loop "Error" and reads as a shiftfs failure
        for (HasMetadata o : scenario.objects()) {
            if (o instanceof Pod pod && ShiftfsCheck.isWsDaemon(pod)
                    && !scenario.logs().containsKey(new ContainerRef("gitpod", KubeFacts.name(pod), "ws-daemon"))) {
                server.expect().get()
                        .withPath("/api/v1/namespaces/gitpod/pods/" + KubeFacts.name(pod) + "/log?container=ws-daemon&tailLines=20")
                        .andReturn(200, "{\"level\":\"info\",\"message\":\"ws-daemon is up and running\"}\n").always();
            }
        }
        for (Map.Entry<ContainerRef, String> log : scenario.logs().entrySet()) {
            ContainerRef ref = log.getKey();
            server.expect().get()
                    .withPath("/api/v1/namespaces/" + ref.namespace() + "/pods/" + ref.pod() + "/log?container="
                            + ref.container() + "&previous=true&tailLines=20")
                    .andReturn(200, log.getValue()).always();
        }
    }

    private static CustomResourceDefinitionContext crd(ResourceDefinitionContext c) {
        return new CustomResourceDefinitionContext.Builder().withGroup(c.getGroup()).withVersion(c.getVersion())
                .withKind(c.getKind()).withPlural(c.getPlural()).withScope("Namespaced").build();
    }
}
