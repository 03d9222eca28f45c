package egaml.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Float tables and double arrays in the layout egaml's stored fold models share (a length before every array), so the
 * members' result records write and read them one way.
 */
public final class BinaryArrays {
    private BinaryArrays() {
    }

    /** Rows, then each row's length and values. */
    public static void writeTable(DataOutputStream out, float[][] table) throws IOException {
        out.writeInt(table.length);
        for (float[] row : table) {
            out.writeInt(row.length);
            for (float v : row) {
                out.writeFloat(v);
            }
        }
    }

    public static float[][] readTable(DataInputStream in) throws IOException {
        float[][] table = new float[in.readInt()][];
        for (int i = 0; i < table.length; i++) {
            table[i] = new float[in.readInt()];
            for (int j = 0; j < table[i].length; j++) {
                table[i][j] = in.readFloat();
            }
        }
        return table;
    }

    /** The length, then the values. */
    public static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    public static double[] readDoubles(DataInputStream in) throws IOException {
        double[] values = new double[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }
}
