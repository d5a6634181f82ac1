package dev.railyard.ui.steps;

import dev.railyard.engine.plan.Gitpod;
import javafx.beans.property.StringProperty;

import static dev.railyard.ui.wizard.StepViewModel.orEmpty;
import static dev.railyard.ui.wizard.StepViewModel.text;

/**
 * The TLS inputs Gitpod's and Coder's screens share ({@code spec.gitpod.tls}, {@code spec.coder.tls}: the same
 * {@link Gitpod.Tls} shape): the mode, the email, cert-manager's DNS01 provider and token, or an uploaded
 * certificate's references. One place reads them from a plan and makes the plan's value from them.
 */
record TlsInputs(StringProperty mode, StringProperty email, StringProperty dnsProvider, SecretInput dnsToken,
                 StringProperty certificateRef, StringProperty keyRef) {

    /** The plain-text inputs (the token is a {@link SecretInput} with its own listener). */
    java.util.List<StringProperty> texts() {
        return java.util.List.of(mode, email, dnsProvider, certificateRef, keyRef);
    }

    /** Fills the inputs from the plan's {@code tls}, with the defaults for what it leaves out. */
    void pull(Gitpod.Tls tls) {
        mode.set(tls.mode() == null ? Gitpod.Tls.CERT_MANAGER : tls.mode());
        email.set(orEmpty(tls.email()));
        dnsProvider.set(tls.dns01() == null || tls.dns01().provider() == null ? Gitpod.Dns01.CLOUDFLARE : tls.dns01().provider());
        dnsToken.load(tls.dns01() == null ? null : tls.dns01().tokenRef());
        certificateRef.set(orEmpty(tls.certificateRef()));
        keyRef.set(orEmpty(tls.keyRef()));
    }

    /** The plan's value: an uploaded certificate's references, or cert-manager's DNS01, never both. */
    Gitpod.Tls value() {
        String m = text(mode.get());
        return Gitpod.Tls.UPLOAD.equals(m)
                ? new Gitpod.Tls(m, text(email.get()), null, text(certificateRef.get()), text(keyRef.get()))
                : new Gitpod.Tls(m, text(email.get()), new Gitpod.Dns01(text(dnsProvider.get()), dnsToken.ref()), null, null);
    }
}
