package dev.railyard.engine.validate;

import dev.railyard.engine.plan.Gitpod;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Gitpod's domain, who may sign up, the certificate, the workspace runtime and the installer image. */
final class GitpodRules {

    private static final String BASE = "spec.gitpod";
    /** The longest name Gitpod serves is {@code *.ws.<domain>}; it must stay a valid DNS name. */
    private static final String WORKSPACE_WILDCARD_PREFIX = "*.ws.";

    private GitpodRules() {}

    static void check(Gitpod gitpod, PlanValidator.Problems out) {
        domain(gitpod.domain(), out);
        blockNewUsers(gitpod.blockNewUsers(), out);
        tls(BASE + ".tls", gitpod.tls(), "<domain>, *.<domain> and *.ws.<domain>", out);
        workspace(gitpod.workspace(), out);
        if (gitpod.installerImage() != null && !ImageReferences.isReference(gitpod.installerImage())) {
            out.error(BASE + ".installerImage", "must be " + ImageReferences.RULE + "; leave it out for the default " + Gitpod.DEFAULT_INSTALLER_IMAGE);
        }
        GitpodServiceRules.check(gitpod, out);
    }

    private static void domain(String domain, PlanValidator.Problems out) {
        String path = BASE + ".domain";
        if (domain == null || domain.isEmpty()) {
            out.error(path, "required: the domain Gitpod is served at, e.g. gitpod.example.com");
            return;
        }
        Optional<String> why = DnsNames.whyNotName(domain, 2);
        if (why.isPresent()) {
            out.error(path, why.get() + " (the domain must be a DNS name such as gitpod.example.com: " + DnsNames.NAME_RULE + ")");
        } else if (WORKSPACE_WILDCARD_PREFIX.length() + domain.length() > DnsNames.MAX_NAME) {
            out.error(path, "is " + domain.length() + " characters long; workspaces are served at *.ws." + "<domain>, which must stay within 253, "
                    + "so the domain has at most " + (DnsNames.MAX_NAME - WORKSPACE_WILDCARD_PREFIX.length()));
        }
    }

    private static void blockNewUsers(Gitpod.BlockNewUsers block, PlanValidator.Problems out) {
        String path = BASE + ".blockNewUsers.passlist";
        List<String> passlist = block.passlist();
        if (block.isEnabled() && passlist.isEmpty()) {
            out.error(path, "needs at least one e-mail domain when blockNewUsers is enabled, otherwise nobody can sign up; e.g. [example.com]");
        }
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < passlist.size(); i++) {
            String entry = passlist.get(i);
            Optional<String> why = EmailDomains.whyNotDomain(entry);
            if (why.isPresent()) {
                out.error(path + "[" + i + "]", why.get() + " (each entry is an e-mail domain such as example.com, without '@' or wildcards)");
            } else if (first.putIfAbsent(entry, i) != null) {
                out.warning(path + "[" + i + "]", "repeats passlist[" + first.get(entry) + "]");
            }
        }
    }

    /**
     * A platform's certificate settings at {@code path} (Gitpod's and Coder's share the shape);
     * {@code names} says which names an uploaded certificate must cover.
     */
    static void tls(String path, Gitpod.Tls tls, String names, PlanValidator.Problems out) {
        String mode = tls.mode();
        if (mode == null || mode.isEmpty()) {
            out.error(path + ".mode", "required: cert-manager (Let's Encrypt through DNS01) or upload (your own certificate)");
        } else if (!Gitpod.Tls.MODES.contains(mode)) {
            out.error(path + ".mode", "must be cert-manager (Let's Encrypt through DNS01) or upload (your own certificate)");
        }
        boolean certManager = tls.isCertManager();
        boolean upload = Gitpod.Tls.UPLOAD.equals(mode);
        if (tls.email() == null || tls.email().isEmpty()) {
            if (certManager) out.error(path + ".email", "required for cert-manager: the address Let's Encrypt sends expiry notices to, e.g. ops@example.com");
        } else if (!EmailDomains.isAddress(tls.email())) {
            out.error(path + ".email", "must be " + EmailDomains.ADDRESS_RULE);
        }
        Gitpod.Dns01 dns01 = tls.dns01();
        if (dns01 == null) {
            if (certManager) out.error(path + ".dns01", "required for cert-manager: the wildcard names need a DNS01 solver; provider cloudflare and tokenRef");
        } else {
            if (dns01.provider() == null || dns01.provider().isEmpty()) {
                if (certManager) out.error(path + ".dns01.provider", "required: " + String.join(", ", Gitpod.Dns01.PROVIDERS));
            } else if (!Gitpod.Dns01.PROVIDERS.contains(dns01.provider())) {
                out.error(path + ".dns01.provider", "must be one of " + String.join(", ", Gitpod.Dns01.PROVIDERS));
            }
            ref(certManager, path + ".dns01.tokenRef", dns01.tokenRef(), "the DNS provider's API token (Cloudflare: Zone DNS edit)", out);
        }
        ref(upload, path + ".certificateRef", tls.certificateRef(), "the PEM certificate chain covering " + names, out);
        ref(upload, path + ".keyRef", tls.keyRef(), "the certificate's PEM private key", out);
    }

    private static void ref(boolean required, String path, String value, String what, PlanValidator.Problems out) {
        if (required) SecretRefs.required(out, path, value, what);
        else SecretRefs.optional(out, path, value, what);
    }

    private static void workspace(Gitpod.Workspace workspace, PlanValidator.Problems out) {
        String path = BASE + ".workspace.fsShiftMethod";
        String method = workspace.fsShiftMethod();
        if (method == null || method.isEmpty()) {
            out.error(path, "required: shiftfs or fuse");
        } else if (!Gitpod.Workspace.METHODS.contains(method)) {
            out.error(path, "must be shiftfs or fuse");
        } else if (Gitpod.Workspace.FUSE.equals(method)) {
            out.warning(path, "fuse is Gitpod 2022.11's default, for hosts that cannot load shiftfs; Ubuntu 22.04 kernels ship "
                    + "the shiftfs module and Railyard installs it, so choose shiftfs there");
        }
    }
}
