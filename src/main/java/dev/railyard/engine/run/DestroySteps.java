package dev.railyard.engine.run;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * What destroy does before {@code terraform destroy}: delete what the cluster created outside
 * Terraform (LoadBalancer services, which cloud controllers turn into load balancers, and persistent
 * volume claims, which become volumes), and wait until they are gone, so nothing is left behind
 * and Terraform's network delete does not hang on attached resources.
 */
public final class DestroySteps {

    private DestroySteps() {}

    public static Step clusterResources(Supplier<KubernetesClient> client, Duration wait, Duration poll) {
        return new SimpleStep("cluster-cleanup", "Delete load balancers and volumes the cluster created", ctx -> {
            KubernetesClient k;
            try {
                k = client.get();
            } catch (RuntimeException e) {
                ctx.warn("no kubeconfig for this cluster (" + e.getMessage() + "); skipping, so check the cloud console for"
                        + " load balancers and volumes afterwards");
                return;
            }
            List<Service> lbs = k.services().inAnyNamespace().list().getItems().stream()
                    .filter(s -> s.getSpec() != null && "LoadBalancer".equals(s.getSpec().getType())).toList();
            for (Service s : lbs) {
                k.services().inNamespace(s.getMetadata().getNamespace()).withName(s.getMetadata().getName()).delete();
                ctx.info("deleted LoadBalancer service " + s.getMetadata().getNamespace() + "/" + s.getMetadata().getName());
            }
            List<PersistentVolumeClaim> pvcs = k.persistentVolumeClaims().inAnyNamespace().list().getItems();
            for (PersistentVolumeClaim p : pvcs) {
                k.persistentVolumeClaims().inNamespace(p.getMetadata().getNamespace()).withName(p.getMetadata().getName()).delete();
                ctx.info("deleted volume claim " + p.getMetadata().getNamespace() + "/" + p.getMetadata().getName());
            }
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                long left;
                try {
                    left = k.services().inAnyNamespace().list().getItems().stream()
                            .filter(s -> s.getSpec() != null && "LoadBalancer".equals(s.getSpec().getType())).count()
                            + k.persistentVolumes().list().getItems().size();
                } catch (KubernetesClientException e) {
                    throw new StepFailedException("cannot list what is left: " + e.getMessage(), e);
                }
                if (left == 0) {
                    ctx.info("no load balancers or volumes left");
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new StepFailedException(left + " load balancer services or volumes still exist after " + wait.toSeconds()
                            + " s; check `kubectl get svc -A` and `kubectl get pv`, then run destroy again");
                }
                ctx.cancellation().sleep(poll.toMillis());
            }
        });
    }
}
