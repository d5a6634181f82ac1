package dev.railyard.engine.validate;

import dev.railyard.engine.plan.ClusterPlan;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * The first line of defence for every text field of a plan, whatever the field: no control
 * characters (newline, tab, NUL, ...), no Unicode line or paragraph separators, no invisible
 * formatting characters (byte order mark, bidi overrides, zero-width joiners), no unpaired
 * surrogates, no leading or trailing spaces, and a length limit.
 *
 * <p>Fields are found by walking the plan's record components (the keys of the plan file, in the order
 * they are written), so a field added to the model later is covered without touching this class. Every known field is either checked against its grammar by
 * the rules of its area or is free text listed here (a path, a user name of an outside service);
 * a field in neither list gets a strict fallback, so a new field can never slip through unchecked.
 */
final class TextSafetyRules {

    static final int MAX_LENGTH = 4096;

    /** Free text: only the checks above apply; the renderers' escapers do the rest. */
    static final Set<String> FREE_TEXT = Set.of(
            "spec.sshKey.publicKeyFile",
            "spec.gitpod.database.username",
            "spec.gitpod.registry.username",
            "spec.coder.database.external.username");

    /** Fields whose grammar is checked by the area rules (names, domains, CIDRs, refs, versions, types). */
    static final Set<String> GRAMMAR = Set.of(
            "apiVersion", "kind", "metadata.name",
            "spec.provider.type", "spec.provider.hetzner.location", "spec.provider.hetzner.tokenRef",
            "spec.provider.azure.location", "spec.provider.azure.subscriptionId", "spec.provider.azure.tenantId",
            "spec.provider.azure.clientId", "spec.provider.azure.resourceGroup", "spec.provider.azure.credentialsRef",
            "spec.provider.existing.hosts[].name", "spec.provider.existing.hosts[].address",
            "spec.provider.existing.hosts[].role", "spec.provider.existing.hosts[].sshUser",
            "spec.size.preset", "spec.size.managerType", "spec.size.nodeType",
            "spec.k3s.version",
            "spec.network.adminCidrs[]", "spec.network.privateCidr", "spec.network.podCidr", "spec.network.serviceCidr",
            "spec.network.tailscale.tag", "spec.network.tailscale.adminGroup", "spec.network.tailscale.authKeyRef",
            "spec.gitpod.domain", "spec.gitpod.blockNewUsers.passlist[]",
            "spec.gitpod.tls.mode", "spec.gitpod.tls.email", "spec.gitpod.tls.certificateRef", "spec.gitpod.tls.keyRef",
            "spec.gitpod.tls.dns01.provider", "spec.gitpod.tls.dns01.tokenRef",
            "spec.gitpod.database.host", "spec.gitpod.database.passwordRef",
            "spec.gitpod.registry.url", "spec.gitpod.registry.passwordRef",
            "spec.gitpod.storage.endpoint", "spec.gitpod.storage.region", "spec.gitpod.storage.bucket",
            "spec.gitpod.storage.accessKeyIdRef", "spec.gitpod.storage.secretAccessKeyRef",
            "spec.gitpod.workspace.fsShiftMethod", "spec.gitpod.installerImage", "spec.gitpod.repository",
            "spec.coder.domain",
            "spec.coder.tls.mode", "spec.coder.tls.email", "spec.coder.tls.certificateRef", "spec.coder.tls.keyRef",
            "spec.coder.tls.dns01.provider", "spec.coder.tls.dns01.tokenRef",
            "spec.coder.database.external.host", "spec.coder.database.external.database",
            "spec.coder.database.external.passwordRef", "spec.coder.database.external.sslMode",
            "spec.coder.admin.username", "spec.coder.admin.email", "spec.coder.admin.passwordRef",
            "spec.coder.workspaces.docker");

    private static final Pattern FALLBACK = Pattern.compile("[A-Za-z0-9._:/@+-]{1,253}");
    private static final Pattern INDEX = Pattern.compile("\\[\\d+]");

    private TextSafetyRules() {}

    static void check(ClusterPlan plan, PlanValidator.Problems out) {
        eachText(plan, "", (path, value) -> check(path, value, out));
    }

    private static void check(String path, String value, PlanValidator.Problems out) {
        Optional<String> unsafe = firstUnsafeCharacter(value);
        if (unsafe.isPresent()) {
            out.error(path, "contains " + unsafe.get() + "; no field may hold control characters, line or paragraph separators "
                    + "or invisible formatting characters");
        } else if (value.length() > MAX_LENGTH) {
            out.error(path, "is " + value.length() + " characters long; at most " + MAX_LENGTH + " are allowed");
        } else if (!value.isEmpty() && (isSpace(value.codePointAt(0)) || isSpace(value.codePointBefore(value.length())))) {
            out.error(path, "starts or ends with a space; remove it");
        } else {
            String field = INDEX.matcher(path).replaceAll("[]");
            if (!FREE_TEXT.contains(field) && !GRAMMAR.contains(field) && !FALLBACK.matcher(value).matches()) {
                out.error(path, "may only hold ASCII letters, digits and . _ : / @ + - (at most 253 characters)");
            }
        }
    }

    /** Describes the first character no field may hold, or empty when there is none. */
    static Optional<String> firstUnsafeCharacter(String value) {
        for (int i = 0; i < value.length(); ) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                int cp = value.codePointAt(i);
                if (Character.getType(cp) == Character.FORMAT || (cp & 0xFFFE) == 0xFFFE) {
                    return Optional.of("an invisible or non-character code point " + codePoint(cp));
                }
                i += 2;
                continue;
            }
            if (Character.isSurrogate(c)) return Optional.of("an unpaired surrogate " + codePoint(c) + " (not valid Unicode text)");
            Optional<String> why = describe(c);
            if (why.isPresent()) return why;
            i++;
        }
        return Optional.empty();
    }

    private static Optional<String> describe(char c) {
        return switch (c) {
            case '\n', '\r' -> Optional.of("a line break " + codePoint(c));
            case '\t' -> Optional.of("a tab " + codePoint(c));
            case '\0' -> Optional.of("a NUL character " + codePoint(c));
            case '\u2028' -> Optional.of("a Unicode line separator " + codePoint(c));
            case '\u2029' -> Optional.of("a Unicode paragraph separator " + codePoint(c));
            case '\u0085' -> Optional.of("a next-line character " + codePoint(c));
            case '\uFEFF' -> Optional.of("a byte order mark " + codePoint(c));
            case '\uFFFE', '\uFFFF' -> Optional.of("a non-character " + codePoint(c));
            default -> {
                if (Character.isISOControl(c)) yield Optional.of("a control character " + codePoint(c));
                if (Character.getType(c) == Character.FORMAT) yield Optional.of("an invisible formatting character " + codePoint(c));
                yield Optional.empty();
            }
        };
    }

    private static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }

    private static String codePoint(int cp) {
        return String.format("(U+%04X)", cp);
    }

    /** Every text value under {@code value} with its key path; records are walked through their components, no JSON tree is built. */
    private static void eachText(Object value, String path, BiConsumer<String, String> visit) {
        if (value instanceof String text) {
            visit.accept(path, text);
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) eachText(list.get(i), path + "[" + i + "]", visit);
        } else if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                Object field;
                try {
                    field = component.getAccessor().invoke(record);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("cannot read " + path + "." + component.getName(), e);
                }
                eachText(field, path.isEmpty() ? component.getName() : path + "." + component.getName(), visit);
            }
        }
    }
}
