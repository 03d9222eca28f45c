package egaml.spark;

import egaml.core.InstrumentType;
import egaml.ingest.CleanRun;
import egaml.ingest.RunCache;
import egaml.member.TrainingData;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * A training's labelled, cleaned runs as one compressed byte array: what the driver broadcasts to the executors, once
 * per training. Runs are in the run cache's binary layout, so an executor gets exactly the runs the driver cleaned.
 */
final class TrainingDataCodec {
    private static final int MAGIC = 0x45474454; // "EGDT"
    private static final int VERSION = 1;

    private TrainingDataCodec() {
    }

    static byte[] encode(TrainingData data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes, deflater, 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(data.size());
            for (int i = 0; i < data.size(); i++) {
                CleanRun run = data.runs().get(i);
                out.writeUTF(run.sampleId());
                out.writeInt(data.types().get(i).ordinal());
                out.writeInt(data.y()[i].length);
                for (int v : data.y()[i]) {
                    out.writeByte(v);
                }
                out.writeInt(run.channelLimit());
                ByteBuffer b = RunCache.encode(run);
                out.writeInt(b.remaining());
                out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    static TrainingData decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(
                new InflaterInputStream(new ByteArrayInputStream(bytes)), 1 << 16))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IllegalStateException("not an egaml training-data block of this version");
            }
            int n = in.readInt();
            List<CleanRun> runs = new ArrayList<>(n);
            List<InstrumentType> types = new ArrayList<>(n);
            int[][] y = new int[n][];
            for (int i = 0; i < n; i++) {
                String id = in.readUTF();
                types.add(InstrumentType.values()[in.readInt()]);
                y[i] = new int[in.readInt()];
                for (int l = 0; l < y[i].length; l++) {
                    y[i][l] = in.readByte();
                }
                int channelLimit = in.readInt();
                byte[] run = new byte[in.readInt()];
                in.readFully(run);
                runs.add(RunCache.decode(ByteBuffer.wrap(run).order(ByteOrder.LITTLE_ENDIAN), id, channelLimit));
            }
            return new TrainingData(runs, y, types);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the broadcast training data", e);
        }
    }
}
