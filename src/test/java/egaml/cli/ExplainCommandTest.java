package egaml.cli;

import egaml.core.Label;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** 'explain' and 'predict --report' as a user runs them, on both instrument types and on a run unlike the training runs. */
class ExplainCommandTest {
    @TempDir
    static Path dir;
    static Path model;
    static Path sim;
    static Path commercial;
    static Path sam;
    static Path truncated;
    /**
     * The truncated run's warning as a regular expression: its last temperature reading, against the level most
     * training runs reach (that level depends on the simulated training runs, so only its form is checked).
     */
    static String stopWarning;

    @BeforeAll
    static void trainAModelWithBothMembers() throws IOException {
        sim = dir.resolve("sim");
        CliRunner s = CliRunner.run("simulate", "--out", sim.toString(), "--samples", "30", "--seed", "8",
                "--sam-fraction", "0.2", "--compress", "none", "--quiet");
        assertThat(s.exit()).as(s.err()).isZero();
        model = dir.resolve("model");
        CliRunner train = CliRunner.run("train", "--data", sim.toString(), "--out", model.toString(), "--preset", "smoke",
                "--models", "gbt,nn", "--quiet", "--no-cache");
        assertThat(train.exit()).as(train.err()).isZero();
        List<String> meta = Files.readAllLines(sim.resolve("metadata.csv"));
        commercial = sim.resolve(pathOf(meta, "commercial"));
        sam = sim.resolve(pathOf(meta, "sam_testbed"));
        // the same commercial run, stopped at 400 C: below every training run's temperature range
        truncated = dir.resolve("stopped_at_400.csv");
        List<String> lines = Files.readAllLines(commercial);
        List<String> kept = new ArrayList<>(List.of(lines.get(0)));
        double last = Double.NEGATIVE_INFINITY;
        for (String line : lines.subList(1, lines.size())) {
            double temp = Double.parseDouble(line.split(",")[1]);
            if (temp <= 400) {
                kept.add(line);
                last = Math.max(last, temp);
            }
        }
        Files.write(truncated, kept);
        stopWarning = java.util.regex.Pattern.quote(String.format(java.util.Locale.ROOT, "temperature stops at %.0f °C; ",
                last)) + "9\\d % of training runs reach [89]\\d\\d °C";
    }

    private static String pathOf(List<String> meta, String type) {
        return meta.stream().skip(1).map(l -> l.split(",")).filter(f -> f[2].equals(type)).findFirst().orElseThrow()[3];
    }

    @Test
    void explainWritesEvidenceInWordsATableAndAPictureForBothInstrumentTypes() throws IOException {
        Path out = dir.resolve("explained");
        CliRunner r = CliRunner.run("explain", "--model", model.toString(), "--run", commercial.toString(), sam.toString(),
                truncated.toString(), "--out", out.toString(), "--steps", "4", "--no-cache");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("explained 3 runs").contains("(m/z ").contains(" °C (")
                .containsPattern(stopWarning);
        for (Label l : Label.all()) {
            assertThat(r.out()).contains(l.columnName() + " 0.");
        }
        try (Stream<Path> files = Files.list(out)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(names.stream().filter(n -> n.endsWith(".txt"))).hasSize(3);
            assertThat(names.stream().filter(n -> n.endsWith(".evidence.csv"))).hasSize(3);
            List<String> pictures = names.stream().filter(n -> n.endsWith(".png")).toList();
            assertThat(pictures).isNotEmpty();
            BufferedImage img = ImageIO.read(out.resolve(pictures.get(0)).toFile());
            assertThat(img.getWidth()).isGreaterThan(800);
            assertThat(img.getHeight()).isGreaterThan(600);
        }
        String id = commercial.getFileName().toString().replace(".csv", "");
        List<String> table = Files.readAllLines(out.resolve(id + ".evidence.csv"));
        assertThat(table.get(0)).isEqualTo("sample_id,label,probability,mz,gas,temp_from,temp_to,evidence");
        // every label has its run-level row, so a reader can add each label's evidence up
        assertThat(table.stream().filter(l -> l.contains(",run level,"))).hasSize(Label.COUNT);
    }

    @Test
    void anUnknownLabelIsRefusedWithTheListOfLabels() {
        CliRunner r = CliRunner.run("explain", "--model", model.toString(), "--run", commercial.toString(), "--label",
                "sulphate", "--no-cache");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown label 'sulphate'").contains("sulfate");
    }

    @Test
    void predictWritesTheChallengeColumnsASidecarAndAReportWithEveryResourcePresent() throws IOException {
        Path runs = Files.createDirectories(dir.resolve("runs"));
        try (Stream<Path> files = Files.list(sim.resolve("train_features"))) {
            for (Path f : files.sorted().limit(11).toList()) {
                Files.copy(f, runs.resolve(f.getFileName()));
            }
        }
        Files.copy(truncated, runs.resolve(truncated.getFileName()));
        if (!Files.exists(runs.resolve(sam.getFileName()))) {
            Files.copy(sam, runs.resolve(sam.getFileName()));
        }
        Path predictions = dir.resolve("predictions.csv");
        Path report = dir.resolve("report");
        CliRunner r = CliRunner.run("predict", "--model", model.toString(), "--data", runs.toString(), "--out",
                predictions.toString(), "--report", report.toString(), "--report-steps", "2", "--no-cache", "--quiet");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> rows = Files.readAllLines(predictions);
        assertThat(rows.get(0)).isEqualTo("sample_id," + String.join(",", Label.columnNames()));
        int samples = rows.size() - 1;
        assertThat(samples).isGreaterThanOrEqualTo(12);

        List<String> details = Files.readAllLines(dir.resolve("predictions.details.csv"));
        assertThat(details.get(0)).startsWith("sample_id,instrument_type,warning_count,warnings,basalt_low,basalt_high,"
                + "basalt_spread,basalt_disagree,carbonate_low");
        assertThat(details).hasSize(samples + 1);
        assertThat(details.stream().filter(l -> l.startsWith("stopped_at_400,")).findFirst().orElseThrow())
                .containsPattern(stopWarning);
        assertThat(details.stream().filter(l -> l.contains(",sam_testbed,"))).isNotEmpty();

        Path index = report.resolve("index.html");
        String overview = Files.readString(index, StandardCharsets.UTF_8);
        assertThat(overview).contains("<table id=\"t\"").contains("stopped_at_400");
        try (Stream<Path> pages = Files.list(report.resolve("samples"))) {
            assertThat(pages.filter(p -> p.toString().endsWith(".html"))).hasSize(samples);
        }
        assertThat(missingResources(report)).isEmpty();
        assertThat(report.resolveSibling("report.tmp")).doesNotExist();
    }

    /** Every local href and src of every page of the report, resolved against its page, must be a file. */
    private static List<String> missingResources(Path report) throws IOException {
        Pattern ref = Pattern.compile("(?:href|src)=\"([^\"#]+)\"");
        List<String> missing = new ArrayList<>();
        List<Path> pages;
        try (Stream<Path> all = Files.walk(report)) {
            pages = all.filter(p -> p.toString().endsWith(".html")).toList();
        }
        for (Path page : pages) {
            Matcher m = ref.matcher(Files.readString(page, StandardCharsets.UTF_8));
            while (m.find()) {
                String target = m.group(1);
                if (target.contains("://")) {
                    missing.add(page + " links outside the report: " + target);
                } else if (!Files.isRegularFile(page.getParent().resolve(target).normalize())) {
                    missing.add(page + " -> " + target);
                }
            }
        }
        return missing;
    }

    @Test
    void theReportLoadsInAHeadlessBrowser() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        Assumptions.assumeTrue(Files.isExecutable(chromium), "Debian's chromium is not installed");
        Path report = dir.resolve("browser-report");
        CliRunner r = CliRunner.run("predict", "--model", model.toString(), "--data", sam.toString(),
                commercial.toString(), "--out", dir.resolve("browser.csv").toString(), "--report", report.toString(),
                "--report-steps", "2", "--no-cache", "--quiet");
        assertThat(r.exit()).as(r.err()).isZero();
        List<Path> pages;
        try (Stream<Path> all = Files.list(report.resolve("samples"))) {
            pages = all.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
        assertThat(pages).hasSize(2);
        for (Path page : pages) {
            // a harness page loads the report page in a frame and, once loaded, lists the pictures the browser could
            // not decode; chromium prints the harness's DOM after its scripts ran
            Path harness = report.resolve("harness.html");
            Files.writeString(harness, "<html><body><iframe id=\"f\" src=\"" + report.relativize(page) + "\"></iframe>"
                    + "<pre id=\"r\">pending</pre><script>document.getElementById('f').onload=function(){"
                    + "var d=this.contentDocument,bad=[];d.querySelectorAll('img').forEach(function(i){"
                    + "if(!(i.complete&&i.naturalWidth>0))bad.push(i.getAttribute('src'));});"
                    + "document.getElementById('r').textContent='images '+d.images.length+' broken ['+bad.join(' ')+']';};"
                    + "</script></body></html>");
            Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--allow-file-access-from-files", "--virtual-time-budget=10000", "--dump-dom", harness.toUri().toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            Files.delete(harness);
            Matcher m = Pattern.compile("images (\\d+) broken \\[([^\\]]*)]").matcher(dom);
            assertThat(m.find()).as(dom).isTrue();
            assertThat(Integer.parseInt(m.group(1))).as(page.toString()).isPositive();
            assertThat(m.group(2)).as(page.toString()).isEmpty();
        }
    }
}
