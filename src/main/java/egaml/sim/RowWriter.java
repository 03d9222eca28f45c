package egaml.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/**
 * Writes CSV rows as ASCII bytes without String.format: fixed-point and 7-significant-digit scientific
 * numbers, as the real files have them. Also digests the bytes (MD5 of the uncompressed content).
 */
final class RowWriter {
    private static final double[] POW10 = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
    private final OutputStream out;
    private final MessageDigest digest;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private long bytes;

    RowWriter(OutputStream out, MessageDigest digest) {
        this.out = out;
        this.digest = digest;
    }

    void ascii(String s) throws IOException {
        for (int i = 0; i < s.length(); i++) {
            put((byte) s.charAt(i));
        }
    }

    void put(byte b) throws IOException {
        if (pos == buf.length) {
            flushBuffer();
        }
        buf[pos++] = b;
    }

    /** v with at most {@code decimals} decimals, trailing zeros dropped but one kept ("5.21", "0.0", "-60.5"). */
    void fixed(double v, int decimals) throws IOException {
        long scaled = Math.round(Math.abs(v) * POW10[decimals]);
        if (v < 0 && scaled != 0) {
            put((byte) '-');
        }
        long whole = scaled / (long) POW10[decimals];
        long frac = scaled % (long) POW10[decimals];
        digits(whole);
        put((byte) '.');
        int keep = decimals;
        while (keep > 1 && frac % 10 == 0) {
            frac /= 10;
            keep--;
        }
        padded(frac, keep);
    }

    /** v as d.dddddde+XX (7 significant digits), or 0.0. */
    void scientific(double v) throws IOException {
        if (v == 0 || !Double.isFinite(v)) {
            ascii("0.0");
            return;
        }
        if (v < 0) {
            put((byte) '-');
            v = -v;
        }
        int exp = (int) Math.floor(Math.log10(v));
        long mant = Math.round(v / Math.pow(10, exp) * 1e6);
        if (mant >= 10_000_000L) {
            exp++;
            mant = Math.round(v / Math.pow(10, exp) * 1e6);
        } else if (mant < 1_000_000L) {
            exp--;
            mant = Math.round(v / Math.pow(10, exp) * 1e6);
        }
        digits(mant / 1_000_000L);
        put((byte) '.');
        padded(mant % 1_000_000L, 6);
        put((byte) 'e');
        put(exp < 0 ? (byte) '-' : (byte) '+');
        padded(Math.abs(exp), 2);
    }

    private void digits(long v) throws IOException {
        if (v >= 10) {
            digits(v / 10);
        }
        put((byte) ('0' + v % 10));
    }

    private void padded(long v, int width) throws IOException {
        for (int i = width - 1; i >= 0; i--) {
            long p = (long) POW10[i];
            put((byte) ('0' + (v / p) % 10));
        }
    }

    private void flushBuffer() throws IOException {
        digest.update(buf, 0, pos);
        out.write(buf, 0, pos);
        bytes += pos;
        pos = 0;
    }

    /** Flushes everything written; returns the total number of bytes. */
    long finish() throws IOException {
        flushBuffer();
        out.flush();
        return bytes;
    }
}
