package dev.railyard.engine.validate;

import dev.railyard.engine.secrets.SecretRef;

/** Every {@code ...Ref} field is checked here, so they all say the same thing. */
final class SecretRefs {

    private SecretRefs() {}

    /** A required reference: missing or malformed is an error at {@code path}. */
    static void required(PlanValidator.Problems out, String path, String value, String what) {
        if (value == null || value.isEmpty()) {
            out.error(path, "required: a reference to " + what + ", written as " + SecretRef.FORMS);
        } else {
            optional(out, path, value, what);
        }
    }

    /** A reference that may be absent but, when written, must be well-formed. */
    static void optional(PlanValidator.Problems out, String path, String value, String what) {
        if (value != null && SecretRef.parse(value).isEmpty()) {
            out.error(path, "is not a secret reference; write " + what + " as " + SecretRef.FORMS
                    + " (the plan holds references only, never the secret itself)");
        }
    }
}
