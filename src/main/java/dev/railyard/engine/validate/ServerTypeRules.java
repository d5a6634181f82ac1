package dev.railyard.engine.validate;

import dev.railyard.engine.catalog.Catalog;
import dev.railyard.engine.catalog.Catalog.ServerType;
import dev.railyard.engine.plan.Provider;
import dev.railyard.engine.plan.Size;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Server types come from the dated catalog: a type must exist, be orderable in the plan's location
 * and not be retired. Names are never matched by pattern, since clouds rename and retire types.
 */
final class ServerTypeRules {

    static final int WORKSPACE_MIN_CORES = 4;
    static final double WORKSPACE_MIN_MEMORY_GB = 8;

    private static final java.util.regex.Pattern TYPE_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_]{1,64}");

    private ServerTypeRules() {}

    static void check(Size size, Provider provider, Catalog catalog, PlanValidator.Problems out) {
        if (!provider.isCloud()) {
            ignored("spec.size.managerType", size.managerType(), out);
            ignored("spec.size.nodeType", size.nodeType(), out);
            return;
        }
        String location = provider.location();
        // small runs workspaces on its manager too, so both types must be able to carry them
        type(provider.type(), location, "spec.size.managerType", size.managerType(), size.isSmall(), catalog, out);
        type(provider.type(), location, "spec.size.nodeType", size.nodeType(), true, catalog, out);
    }

    private static void type(String provider, String location, String path, String name, boolean runsWorkspaces,
                             Catalog catalog, PlanValidator.Problems out) {
        if (name == null || name.isEmpty()) {
            out.error(path, "required: a " + provider + " server type" + offered(provider, location, catalog));
            return;
        }
        Optional<ServerType> found = catalog.serverType(provider, name);
        if (found.isEmpty()) {
            out.error(path, "is not a " + provider + " server type in the catalog of " + catalog.date() + offered(provider, location, catalog));
            return;
        }
        ServerType type = found.get();
        if (type.retired() != null) {
            String successor = type.successor() == null ? "" : catalog.serverType(provider, type.successor())
                    .map(s -> "; use its successor " + s.summary()).orElse("; use its successor " + type.successor());
            out.error(path, name + " was retired by " + provider + " on " + type.retired() + " and can no longer be ordered" + successor);
            return;
        }
        if (location != null && catalog.location(provider, location).isPresent() && !type.offeredIn(location)) {
            out.error(path, name + " is not offered in " + location + offered(provider, location, catalog));
            return;
        }
        if (runsWorkspaces && (type.cores() < WORKSPACE_MIN_CORES || type.memoryGb() < WORKSPACE_MIN_MEMORY_GB)) {
            out.warning(path, type.summary() + " runs workspaces but has less than " + WORKSPACE_MIN_CORES + " vCPU or "
                    + (int) WORKSPACE_MIN_MEMORY_GB + " GB; Gitpod workspaces will be slow or fail to schedule");
        }
    }

    private static void ignored(String path, String name, PlanValidator.Problems out) {
        if (name == null) return;
        if (TYPE_NAME.matcher(name).matches()) out.warning(path, "is ignored unless Railyard creates the servers (hetzner or azure)");
        else out.error(path, "must be a server type name: letters, digits and '_' (and it is ignored for existing hosts)");
    }

    private static String offered(String provider, String location, Catalog catalog) {
        if (location == null || catalog.location(provider, location).isEmpty()) return "";
        String names = catalog.offeredTypes(provider, location).stream().map(ServerType::name).collect(Collectors.joining(", "));
        return names.isEmpty() ? "" : "; offered in " + location + ": " + names;
    }
}
