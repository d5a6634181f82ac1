package dev.railyard.engine.render.readme;

import dev.railyard.engine.plan.ClusterPlan;
import dev.railyard.engine.plan.Gitpod;
import dev.railyard.engine.plan.Platform;
import dev.railyard.engine.render.coder.CoderRenderer;

/** One line for each generated file: what it is and who reads it. */
final class FileDescriptions {

    private FileDescriptions() {}

    static String describe(String path, ClusterPlan plan) {
        switch (path) {
            case "terraform/versions.tf": return "Terraform and provider versions, pinned.";
            case "terraform/variables.tf": return "Terraform inputs. Credentials, the k3s token and the servers' SSH host keys are `sensitive` variables read from `TF_VAR_*` environment variables at run time, never from a file.";
            case "terraform/main.tf": return "The servers, private network, firewall and load balancers.";
            case "terraform/outputs.tf": return "What Terraform reports after `apply`, including `ingress_ipv4` for the DNS records.";
            case "cloud-init/manager.yaml": return "First-boot set-up of the managers (a Terraform template): host SSH moved off port 22, packages, k3s server.";
            case "cloud-init/node.yaml": return "First-boot set-up of the workspace nodes (a Terraform template): host SSH moved off port 22, packages, k3s agent joining the managers.";
            case "gitpod/config.yaml": return "The Gitpod installer's configuration (2022.11 installer, `apiVersion: v1`): domain, sign-up passlist, database, registry, storage, k3s containerd paths and "
                    + "the workspace file-system shift method " + Markdown.code(fsShiftMethod(plan)) + ".";
            case "gitpod/secrets/database.yaml": return plan.spec().gitpod().database().isInCluster()
                    ? "Secret `database`: the database encryption key only (the in-cluster database's connection is the installer's own). Mode 0600."
                    : "Secret `database`: the external MySQL's host, port, user, password and the database encryption key. Mode 0600.";
            case "gitpod/secrets/container-registry.yaml": return "Secret `container-registry` (`kubernetes.io/dockerconfigjson`): credentials for the external registry. Mode 0600.";
            case "gitpod/secrets/storage.yaml": return "Secret `storage`: access key for the S3 bucket. Mode 0600.";
            case "gitpod/secrets/https-certificates.yaml": return "Secret `https-certificates` (`kubernetes.io/tls`): your uploaded certificate and key. Mode 0600.";
            case "gitpod/secrets/cloudflare-solver.yaml": return "Secret `cloudflare-solver` in namespace `cert-manager`: the Cloudflare API token for DNS01 challenges. Mode 0600.";
            case dev.railyard.engine.render.gitpod.RegistryCaDaemonSet.FILE: return "DaemonSet `" + dev.railyard.engine.render.gitpod.RegistryCaDaemonSet.NAME
                    + "` in namespace `gitpod`: copies the uploaded certificate (not its key) to `" + dev.railyard.engine.render.k3s.HostScripts.REGISTRY_CA_FILE
                    + "` on every workspace node, where k3s's registries.yaml makes containerd trust it for Gitpod's registry.";
            case "gitpod/cert-manager/helmchart.yaml": return "cert-manager, installed by k3s's Helm controller (a `HelmChart` in `kube-system`), pinned.";
            case "gitpod/cert-manager/cluster-issuer.yaml": return "`ClusterIssuer` `letsencrypt`: Let's Encrypt production, DNS01 through Cloudflare.";
            case "gitpod/cert-manager/certificate.yaml": return "`Certificate` `https-certificates` in namespace `gitpod` for the domain and its two wildcards.";
            case "tailscale/policy.hujson": return "Sections to merge into your tailnet policy: tag owners, pod-route approval, the host/pod accept rule and Tailscale SSH.";
            case "dns.txt": return plan.spec().platform() == Platform.CODER
                    ? "The two DNS records Coder needs (the domain and its wildcard), in zone-file form."
                    : "The three DNS records Gitpod needs, in zone-file form.";
            case CoderRenderer.NAMESPACE_FILE: return "Namespace `coder`, for Coder, its database, its certificate and its workspaces.";
            case CoderRenderer.CERT_MANAGER_HELM_CHART: return "cert-manager, installed by k3s's Helm controller (a `HelmChart` in `kube-system`), pinned.";
            case CoderRenderer.CLUSTER_ISSUER: return "`ClusterIssuer` `letsencrypt`: Let's Encrypt production, DNS01 through Cloudflare.";
            case CoderRenderer.CERTIFICATE: return "`Certificate` `coder-tls` in namespace `coder` for the domain and its wildcard; Coder serves it itself.";
            case CoderRenderer.CLOUDFLARE_SOLVER: return "Secret `cloudflare-solver` in namespace `cert-manager`: the Cloudflare API token for DNS01 challenges. Mode 0600.";
            case CoderRenderer.TLS_SECRET_FILE: return "Secret `coder-tls` (`kubernetes.io/tls`): your uploaded certificate and key. Mode 0600.";
            case CoderRenderer.DATABASE_URL_FILE: return "Secret `coder-db-url`: the external PostgreSQL's connection URL, password included. Mode 0600.";
            case CoderRenderer.POSTGRES_OPERATOR: return "The CloudNativePG operator, installed by k3s's Helm controller, pinned.";
            case CoderRenderer.POSTGRES_CLUSTER: return "CloudNativePG `Cluster` `coder-db`: one PostgreSQL instance on local-path storage; its Secret `coder-db-app` holds Coder's connection URL.";
            case CoderRenderer.HELM_CHART: return "Coder's chart from its official repository, installed by k3s's Helm controller, pinned, with the values below.";
            case CoderRenderer.VALUES: return "The chart's values: access URL, wildcard access URL, the database URL from a Secret, TLS from `coder-tls`, a LoadBalancer service.";
            case CoderRenderer.WORKSPACE_TEMPLATE: return workspaceTemplate(plan);
            default: return byFolder(path);
        }
    }

    private static String workspaceTemplate(ClusterPlan plan) {
        boolean envbox = plan.spec().coder().workspaces().usesEnvbox();
        return "The Coder workspace template (Terraform for Coder's provisioner): a pod with CPU and memory limits and a persistent home volume"
                + (envbox ? ", Docker inside through envbox (a privileged pod; its containers are not)." : ", no Docker.")
                + " No workspace mounts a runtime socket of the host.";
    }

    static String fsShiftMethod(ClusterPlan plan) {
        String method = plan.spec().gitpod().workspace().fsShiftMethod();
        return method == null ? Gitpod.Workspace.SHIFTFS : method;
    }

    private static String byFolder(String path) {
        if (path.startsWith("terraform/")) return "Part of the Terraform configuration.";
        if (path.startsWith("cloud-init/")) return "Part of the servers' first-boot set-up.";
        if (path.startsWith("existing/")) {
            if (path.endsWith(".sh")) return "Install script for one existing host: the same steps as the cloud-init, safe to run again.";
            return "Part of the set-up for the existing hosts (" + (path.contains("inventory") ? "the inventory" : "see the file's header") + ").";
        }
        return "Generated by Railyard; see the file's header.";
    }
}
