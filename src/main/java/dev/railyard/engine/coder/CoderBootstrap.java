package dev.railyard.engine.coder;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * What provisioning does through Coder's API once coderd answers: the first owner account and the
 * workspace template. Both are idempotent: an existing first user is kept (Coder allows only one), and
 * a template whose active version already carries this archive's {@link TemplateArchive#versionName()}
 * is left alone, so running the step again changes nothing.
 */
public final class CoderBootstrap {

    /** Where the steps report to and how they wait (a run's log and cancellable sleep). */
    public interface Progress {
        void info(String line);

        void sleep(Duration duration);
    }

    /** What the template step did. */
    public enum TemplateOutcome { CREATED, NEW_VERSION, REACTIVATED, UNCHANGED }

    private final CoderApi api;
    private final Progress progress;
    private final Duration poll;
    private final int maxPolls;

    public CoderBootstrap(CoderApi api, Progress progress, Duration poll, int maxPolls) {
        this.api = api;
        this.progress = progress;
        this.poll = poll;
        this.maxPolls = maxPolls;
    }

    /** Creates the first user unless one exists; returns whether it created it. The password is never logged. */
    public boolean ensureFirstUser(String email, String username, String password) throws IOException, InterruptedException {
        if (api.hasFirstUser()) {
            progress.info("Coder already has its first user: kept (Coder accepts only one; log in as " + email + ")");
            return false;
        }
        api.createFirstUser(email, username, password);
        progress.info("created Coder's first user " + username + " <" + email + "> (owner)");
        return true;
    }

    /** Pushes the archive as template {@code name}: upload, version, wait for its import, then template or active version. */
    public TemplateOutcome pushTemplate(String token, String name, String displayName, String description, TemplateArchive archive)
            throws IOException, InterruptedException {
        String org = api.defaultOrganizationId(token);
        String versionName = archive.versionName();
        Optional<CoderApi.Template> existing = api.templateByName(token, org, name);
        if (existing.isPresent()) {
            CoderApi.Template template = existing.get();
            Optional<CoderApi.TemplateVersion> same = api.templateVersionByName(token, template.id(), versionName);
            if (same.isPresent() && same.get().succeeded()) {
                if (same.get().id().equals(template.activeVersionId())) {
                    progress.info("template " + name + " already runs version " + versionName + ": unchanged");
                    return TemplateOutcome.UNCHANGED;
                }
                api.setActiveVersion(token, template.id(), same.get().id());
                progress.info("template " + name + ": version " + versionName + " made active again");
                return TemplateOutcome.REACTIVATED;
            }
            CoderApi.TemplateVersion version = uploadAndImport(token, org, versionName, archive, template.id());
            api.setActiveVersion(token, template.id(), version.id());
            progress.info("template " + name + ": new version " + versionName + " is active");
            return TemplateOutcome.NEW_VERSION;
        }
        CoderApi.TemplateVersion version = uploadAndImport(token, org, versionName, archive, null);
        api.createTemplate(token, org, name, displayName, description, version.id());
        progress.info("created template " + name + " with version " + versionName);
        return TemplateOutcome.CREATED;
    }

    private CoderApi.TemplateVersion uploadAndImport(String token, String org, String versionName, TemplateArchive archive,
                                                     String templateId) throws IOException, InterruptedException {
        byte[] tar = archive.bytes();
        String file = api.upload(token, tar);
        progress.info("uploaded the template archive (" + archive.files().size() + " files, " + tar.length + " bytes): file " + file);
        CoderApi.TemplateVersion version = api.createTemplateVersion(token, org, versionName, file, templateId);
        progress.info("template version " + versionName + " created; Coder's provisioner imports it");
        String last = "";
        for (int i = 0; ; i++) {
            version = api.templateVersion(token, version.id());
            if (!version.jobStatus().equals(last)) progress.info("import job: " + version.jobStatus());
            last = version.jobStatus();
            if (version.succeeded()) return version;
            if (version.finishedUnsuccessfully()) {
                throw new IOException("Coder could not import the template (job " + version.jobStatus() + "): " + version.jobError());
            }
            if (i >= maxPolls) {
                throw new IOException("Coder's provisioner did not import the template in time (job " + version.jobStatus()
                        + "); a job that stays pending means no provisioner daemon is running (see RY-CODER-005)");
            }
            progress.sleep(poll);
        }
    }
}
