package egaml.ingest;

import egaml.core.EgamlDataException;
import egaml.core.InstrumentType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A set of samples: either a folder with {@code metadata.csv} (and optional {@code <split>_labels.csv}),
 * as in the challenge's data, or plain run files (sample id = file name without .csv/.csv.gz).
 */
public final class Dataset {
    public static final String METADATA = "metadata.csv";
    /** Split name given to samples that come from plain file lists. */
    public static final String FILES_SPLIT = "files";

    private final Path root;
    private final List<SampleRef> samples;
    private final Map<String, LabelTable> labelsBySplit;

    private Dataset(Path root, List<SampleRef> samples, Map<String, LabelTable> labelsBySplit) {
        this.root = root;
        this.samples = List.copyOf(samples);
        this.labelsBySplit = Collections.unmodifiableMap(labelsBySplit);
    }

    /** Opens a dataset folder, a folder of run files, or a single run file. */
    public static Dataset open(Path path) {
        if (Files.isDirectory(path)) {
            if (Files.isRegularFile(path.resolve(METADATA))) {
                return fromMetadata(path);
            }
            List<Path> files;
            try (Stream<Path> list = Files.list(path)) {
                files = list.filter(p -> isRunFileName(p.getFileName().toString()))
                        .sorted().toList();
            } catch (IOException e) {
                throw new EgamlDataException(path, 0, "cannot list folder: " + e, e);
            }
            if (files.isEmpty()) {
                throw new EgamlDataException(path, 0,
                        "no " + METADATA + " and no run files (*.csv, *.csv.gz) in this folder");
            }
            return fromFiles(files);
        }
        if (Files.isRegularFile(path)) {
            return fromFiles(List.of(path));
        }
        throw new EgamlDataException(path, 0, "no such file or folder");
    }

    /** Opens several paths (folders or files) as one dataset. */
    public static Dataset open(List<Path> paths) {
        if (paths.size() == 1) {
            return open(paths.get(0));
        }
        List<SampleRef> all = new ArrayList<>();
        Map<String, LabelTable> labels = new LinkedHashMap<>();
        for (Path p : paths) {
            Dataset d = open(p);
            all.addAll(d.samples);
            labels.putAll(d.labelsBySplit);
        }
        checkUnique(all);
        return new Dataset(null, all, labels);
    }

    private static boolean isRunFileName(String name) {
        return (name.endsWith(".csv") || name.endsWith(".csv.gz")) && !name.equals(METADATA)
                && !name.endsWith("_labels.csv");
    }

    /** Sample id of a run file: its name without .csv or .csv.gz. */
    public static String sampleIdOf(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".csv.gz")) {
            return name.substring(0, name.length() - 7);
        }
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        return name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
    }

    public static Dataset fromFiles(List<Path> files) {
        List<SampleRef> samples = new ArrayList<>();
        for (Path f : files) {
            samples.add(new SampleRef(sampleIdOf(f), FILES_SPLIT, null, f, null, f.toString()));
        }
        checkUnique(samples);
        return new Dataset(null, samples, Map.of());
    }

    private static void checkUnique(List<SampleRef> samples) {
        Map<String, SampleRef> seen = new LinkedHashMap<>();
        for (SampleRef s : samples) {
            SampleRef before = seen.put(s.sampleId(), s);
            if (before != null) {
                throw new EgamlDataException(s.origin(), 0, "sample id '" + s.sampleId()
                        + "' is used twice (also by " + before.origin() + ")", null);
            }
        }
    }

    public static Dataset fromMetadata(Path dir) {
        Path metaFile = dir.resolve(METADATA);
        SimpleCsv meta = SimpleCsv.read(metaFile);
        int id = meta.require("sample_id");
        int split = meta.require("split");
        int type = meta.require("instrument_type");
        int path = meta.require("features_path");
        int md5 = meta.indexOf("features_md5_hash");
        List<SampleRef> samples = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> splits = new LinkedHashSet<>();
        for (SimpleCsv.Row row : meta.rows()) {
            List<String> f = row.fields();
            String sampleId = f.get(id);
            if (sampleId.isEmpty()) {
                throw new EgamlDataException(metaFile, row.line(), "empty sample_id");
            }
            if (!ids.add(sampleId)) {
                throw new EgamlDataException(metaFile, row.line(), "sample_id '" + sampleId + "' appears twice");
            }
            String splitName = f.get(split);
            if (splitName.isEmpty() || !splitName.matches("[A-Za-z0-9_.-]+")) {
                throw new EgamlDataException(metaFile, row.line(),
                        "split must be a plain name such as train or val, found '" + splitName + "'");
            }
            InstrumentType instrument = InstrumentType.fromCode(f.get(type)).orElseThrow(() ->
                    new EgamlDataException(metaFile, row.line(), "instrument_type must be 'commercial' or "
                            + "'sam_testbed', found '" + f.get(type) + "'"));
            String rel = f.get(path);
            if (rel.isEmpty()) {
                throw new EgamlDataException(metaFile, row.line(), "empty features_path");
            }
            String hash = md5 >= 0 && !f.get(md5).isEmpty() ? f.get(md5) : null;
            if (hash != null && !hash.matches("[0-9a-fA-F]{32}")) {
                throw new EgamlDataException(metaFile, row.line(),
                        "features_md5_hash must be 32 hexadecimal digits, found '" + hash + "'");
            }
            splits.add(splitName);
            samples.add(new SampleRef(sampleId, splitName, instrument, dir.resolve(rel), hash,
                    metaFile + ":" + row.line()));
        }
        Map<String, LabelTable> labels = new LinkedHashMap<>();
        for (String s : splits) {
            Path labelFile = dir.resolve(s + "_labels.csv");
            if (Files.isRegularFile(labelFile)) {
                labels.put(s, LabelTable.read(labelFile));
            }
        }
        return new Dataset(dir, samples, labels);
    }

    /** The dataset folder, or null for plain file lists. */
    public Path root() {
        return root;
    }

    public List<SampleRef> samples() {
        return samples;
    }

    public int size() {
        return samples.size();
    }

    /** The label tables by split name. */
    public Map<String, LabelTable> labelsBySplit() {
        return labelsBySplit;
    }

    /** The labels of a sample, if its split has a label table that lists it. */
    public Optional<int[]> labelsOf(SampleRef sample) {
        LabelTable table = labelsBySplit.get(sample.split());
        return table == null ? Optional.empty() : table.get(sample.sampleId());
    }

    /** Whether the sample's split has a label table at all. */
    public boolean splitHasLabels(SampleRef sample) {
        return labelsBySplit.containsKey(sample.split());
    }

    /** The samples that have labels, in dataset order. */
    public List<SampleRef> labelled() {
        return samples.stream().filter(s -> labelsOf(s).isPresent()).toList();
    }
}
