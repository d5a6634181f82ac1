package dev.railyard.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Fills a Terraform template the way main.tf's templatefile() calls do, for the placeholders the
 * generated templates use: {@code ${jsonencode(v)}}, {@code ${base64encode(v)}} and
 * {@code ${base64gzip(v)}}. Every placeholder must be filled. Used where no terraform is installed
 * (UserDataSizeTest) and by the boot tests, which boot what Terraform would send: main.tf sends
 * {@link #userData} of the cloud-init files, without their comment lines.
 */
public final class TerraformTemplates {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * main.tf's {@code user_data_comment_lines}, as the generated file spells it (between the slashes
     * Terraform's replace() takes a regular expression in); RE2 and java.util.regex read this pattern alike,
     * which UserDataWithTerraformTest checks against a real terraform where one is installed.
     */
    public static final String COMMENT_LINES = "(?m)^[ \t]*#( .*)?\n";

    private static final java.util.regex.Pattern COMMENT_LINES_PATTERN = java.util.regex.Pattern.compile(COMMENT_LINES);

    private TerraformTemplates() {}

    /** What main.tf sends a server: the cloud-init template filled, then its comment-only lines left out. */
    public static String userData(String template, Map<String, String> values) {
        return withoutCommentLines(fill(template, values));
    }

    /** main.tf's {@code replace(..., local.user_data_comment_lines, "")}. */
    public static String withoutCommentLines(String text) {
        return COMMENT_LINES_PATTERN.matcher(text).replaceAll("");
    }

    public static String fill(String template, Map<String, String> values) {
        String text = template;
        for (var v : values.entrySet()) {
            text = text.replace("${jsonencode(" + v.getKey() + ")}", json(v.getValue()))
                    .replace("${base64encode(" + v.getKey() + ")}", Base64.getEncoder().encodeToString(v.getValue().getBytes(StandardCharsets.UTF_8)))
                    .replace("${base64gzip(" + v.getKey() + ")}", base64gzip(v.getValue()));
        }
        assertThat(text).as("every placeholder filled").doesNotContain("${").doesNotContain("%{");
        return text;
    }

    /** Terraform's base64gzip(): gzip, then standard base64. */
    public static String base64gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    private static String json(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
