package egaml.ingest;

import egaml.core.InstrumentType;

import java.nio.file.Path;

/**
 * One sample of a dataset: where its run is and what the metadata says about it.
 *
 * @param instrumentType from metadata.csv, or null when unknown (plain file lists: detected from the layout)
 * @param md5            expected MD5 of the uncompressed run, or null
 * @param origin         where this sample was declared, for messages (e.g. "metadata.csv:12")
 */
public record SampleRef(String sampleId, String split, InstrumentType instrumentType, Path file, String md5,
                        String origin) {
    /** The instrument type of this sample's run: from the metadata, else detected from the run's layout. */
    public InstrumentType instrumentTypeOf(CleanRun run) {
        return instrumentType != null ? instrumentType : run.summary().detectedType();
    }
}
