package dev.railyard.engine.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.railyard.engine.plan.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Saves a run's state as JSON, atomically (temp file, fsync, move), so a crash at any moment leaves
 * either the previous state or the new one on disk, never half of each.
 */
public final class RunStateStore {

    public static final String FILE_NAME = "state.json";

    private final Path file;
    private final ObjectMapper json = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    public RunStateStore(Path runDir) {
        this.file = runDir.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    public Optional<RunState> load() throws IOException {
        if (!Files.exists(file)) return Optional.empty();
        try {
            return Optional.of(json.readValue(file.toFile(), RunState.class));
        } catch (IOException e) {
            throw new IOException("the run state " + file + " cannot be read (" + e.getMessage()
                    + "); move it away to start the run from the beginning", e);
        }
    }

    public synchronized void save(RunState state) throws IOException {
        AtomicFiles.write(file, json.writeValueAsBytes(state), true);
    }
}
