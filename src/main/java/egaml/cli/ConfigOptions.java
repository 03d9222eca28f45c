package egaml.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --config FILE} and {@code --print-config}, shared by the commands that train. */
final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "A JSON file overriding the preset's settings "
            + "(sections gbt, nn, stacker; see --print-config for every key); command-line overrides win over it.")
    Path file;

    @Option(names = "--print-config", description = "Print the effective settings as JSON and exit.")
    boolean print;

    /** The preset, then the file. */
    ConfigFile.Settings settings(String preset) {
        ConfigFile.Settings s = ConfigFile.Settings.preset(preset);
        return file == null ? s : ConfigFile.apply(file, s);
    }
}
