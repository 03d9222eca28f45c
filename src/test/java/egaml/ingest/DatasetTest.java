package egaml.ingest;

import egaml.TestData;
import egaml.core.EgamlDataException;
import egaml.core.InstrumentType;
import egaml.core.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetTest {
    @TempDir
    Path dir;

    private static final String HEADER = "sample_id,split,instrument_type,features_path,features_md5_hash\n";
    private static final String LABELS = "sample_id," + String.join(",", Label.columnNames()) + "\n";

    @Test
    void readsMetadataAndLabels() throws IOException {
        TestData.write(dir, "metadata.csv", HEADER + "A,train,commercial,f/A.csv.gz,\nB,train,sam_testbed,f/B.csv,"
                + "0123456789abcdef0123456789ABCDEF\nC,test,commercial,f/C.csv,\n");
        TestData.write(dir, "train_labels.csv", LABELS + "A,1,0,0,0,0,0,0,0,0,1\nB,0,0,0,0,0,1,0,0,0,0\n");
        Dataset d = Dataset.open(dir);
        assertThat(d.samples()).extracting(SampleRef::sampleId).containsExactly("A", "B", "C");
        SampleRef b = d.samples().get(1);
        assertThat(b.instrumentType()).isEqualTo(InstrumentType.SAM_TESTBED);
        assertThat(b.file()).isEqualTo(dir.resolve("f/B.csv"));
        assertThat(b.md5()).isEqualTo("0123456789abcdef0123456789ABCDEF");
        assertThat(d.samples().get(0).md5()).isNull();
        assertThat(d.labelsOf(d.samples().get(0))).get().satisfies(y -> assertThat(y).containsExactly(1, 0, 0, 0, 0, 0, 0, 0, 0, 1));
        assertThat(d.labelsOf(d.samples().get(2))).isEmpty();
        assertThat(d.splitHasLabels(d.samples().get(2))).isFalse();
        assertThat(d.labelled()).hasSize(2);
    }

    @Test
    void labelColumnsMayComeInAnyOrder() throws IOException {
        TestData.write(dir, "metadata.csv", HEADER + "A,train,commercial,A.csv,\n");
        List<String> names = new java.util.ArrayList<>(Label.columnNames());
        java.util.Collections.reverse(names);
        TestData.write(dir, "train_labels.csv", "sample_id," + String.join(",", names) + "\nA,1,0,0,0,0,0,0,0,0,0\n");
        assertThat(Dataset.open(dir).labelsOf(Dataset.open(dir).samples().get(0)).orElseThrow()[Label.SULFIDE.ordinal()])
                .isEqualTo(1);
    }

    @Test
    void metadataErrorsNameFileAndLine() throws IOException {
        Path meta = TestData.write(dir, "metadata.csv", HEADER + "A,train,commercial,A.csv,\nB,train,lab,B.csv,\n");
        assertThatThrownBy(() -> Dataset.open(dir)).isInstanceOf(EgamlDataException.class)
                .hasMessage(meta + ":3: instrument_type must be 'commercial' or 'sam_testbed', found 'lab'");
        TestData.write(dir, "metadata.csv", HEADER + "A,train,commercial,A.csv,\nA,train,commercial,B.csv,\n");
        assertThatThrownBy(() -> Dataset.open(dir)).hasMessage(meta + ":3: sample_id 'A' appears twice");
        TestData.write(dir, "metadata.csv", "sample_id,split,features_path\nA,train,A.csv\n");
        assertThatThrownBy(() -> Dataset.open(dir)).hasMessageStartingWith(meta + ":1: missing column 'instrument_type'");
        TestData.write(dir, "metadata.csv", HEADER + "A,train,commercial,A.csv,xyz\n");
        assertThatThrownBy(() -> Dataset.open(dir)).hasMessageStartingWith(meta + ":2: features_md5_hash must be 32");
    }

    @Test
    void labelErrorsNameFileAndLine() throws IOException {
        TestData.write(dir, "metadata.csv", HEADER + "A,train,commercial,A.csv,\n");
        Path labels = TestData.write(dir, "train_labels.csv", LABELS + "A,1,0,0,0,0,0,0,0,0,2\n");
        assertThatThrownBy(() -> Dataset.open(dir)).hasMessage(labels + ":2: label 'sulfide' must be 0 or 1, found '2'");
        TestData.write(dir, "train_labels.csv", "sample_id,basalt\nA,1\n");
        assertThatThrownBy(() -> Dataset.open(dir)).hasMessageStartingWith(labels + ":1: missing column 'carbonate'");
    }

    @Test
    void plainFilesAndFoldersOfRuns() throws IOException {
        Path a = TestData.write(dir, "S1.csv", "time,temp,m/z,abundance\n1,2,3,4\n");
        Path b = TestData.writeGzip(dir, "S2.csv.gz", "time,temp,m/z,abundance\n1,2,3,4\n");
        TestData.write(dir, "notes.txt", "ignored");
        Dataset folder = Dataset.open(dir);
        assertThat(folder.samples()).extracting(SampleRef::sampleId).containsExactly("S1", "S2");
        assertThat(folder.samples().get(0).instrumentType()).isNull();
        Dataset files = Dataset.open(List.of(b, a));
        assertThat(files.samples()).extracting(SampleRef::sampleId).containsExactly("S2", "S1");
        assertThatThrownBy(() -> Dataset.open(List.of(a, a))).hasMessageContaining("sample id 'S1' is used twice");
        assertThatThrownBy(() -> Dataset.open(dir.resolve("missing"))).hasMessageEndingWith("no such file or folder");
        Files.delete(a);
        Files.delete(b);
        assertThatThrownBy(() -> Dataset.open(dir)).hasMessageContaining("no metadata.csv and no run files");
    }
}
