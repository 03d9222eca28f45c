package egaml.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import egaml.core.EgamlDataException;
import egaml.core.Preset;
import egaml.ensemble.MemberRegistry;
import egaml.ensemble.TrainingSettings;
import egaml.member.MemberKind;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options that choose a training's settings, shared by {@code train} and {@code cv}: preset, seed, members, a
 * settings file and printing them. Precedence: the preset's values, then the file's, then the command line's.
 */
final class SettingsOptions {
    @Option(names = "--preset", paramLabel = "P",
            description = "smoke (seconds), fast (minutes), full (best within the hour) or max (about the reference "
                    + "solution's grid, for a Spark cluster: train --engine spark) (default: the --config file's, else fast).")
    String preset;

    @Option(names = "--seed", paramLabel = "S", description = "Master seed (default: the --config file's, else 1).")
    Long seed;

    @Option(names = "--config", paramLabel = "FILE", description = "A JSON file of settings in --print-config's form; "
            + "it changes the preset's values key by key, and command-line options win over it.")
    Path file;

    @Option(names = "--print-config", description = "Print the effective settings as JSON and exit.")
    boolean print;

    /** The settings for the given members (null: the file's, else the default members). */
    TrainingSettings resolve(String models, MemberCli members, IngestOptions ingest) {
        MemberRegistry registry = members.registry();
        JsonNode fileJson = file == null ? null : read(file);
        String presetName = preset != null ? preset
                : fileJson != null && fileJson.has("preset") ? fileJson.get("preset").asText() : Preset.FAST.code();
        List<String> chosen;
        if (models != null) {
            chosen = registry.parse(models);
        } else if (fileJson != null && fileJson.has("models")) {
            List<String> names = new ArrayList<>();
            fileJson.get("models").forEach(m -> names.add(m.asText()));
            chosen = registry.parse(String.join(",", names));
        } else {
            chosen = registry.kinds().stream().filter(MemberKind::inDefaultModels).map(MemberKind::name).toList();
        }
        TrainingSettings s = TrainingSettings.of(Preset.parse(presetName), chosen, 1, registry);
        if (fileJson != null) {
            try {
                s = s.merge(fileJson, registry);
            } catch (IllegalArgumentException e) {
                throw new EgamlDataException(file, 0, e.getMessage());
            }
        }
        if (seed != null) {
            s = s.withSeed(seed);
        }
        members.checkOnlyFor(s.models());
        for (String m : s.models()) {
            s = s.withMember(m, base -> members.apply(m, base));
        }
        return s.withIngest(ingest.apply(s.ingest()));
    }

    private static JsonNode read(Path file) {
        try {
            JsonNode root = new ObjectMapper().readTree(Files.readString(file));
            if (root == null || !root.isObject()) {
                throw new EgamlDataException(file, 1, "expected a JSON object of settings (see --print-config)");
            }
            return root;
        } catch (NoSuchFileException e) {
            throw new EgamlDataException(file, 0, "no such configuration file");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new EgamlDataException(file, at == null ? 0 : at.getLineNr(), "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new EgamlDataException(file, 0, "cannot read: " + e.getMessage(), e);
        }
    }
}
