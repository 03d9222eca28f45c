package egaml.ingest;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;

/**
 * Converts the ASCII decimal numbers of run files to doubles, correctly rounded.
 *
 * <p>Nearly every field of an EGA-MS file ({@code 35.289}, {@code 5.550957e-11}) has at most 15
 * significant digits and a small decimal exponent. For those the value is exactly
 * {@code mantissa * 10^e} or {@code mantissa / 10^-e} with both operands exactly representable, so one
 * IEEE multiplication or division gives the correctly rounded result (Clinger's fast path). Everything
 * else (long mantissas, large exponents, NaN/Infinity spellings) goes to fastdoubleparser, which also
 * rejects malformed text. Measured on the 763 training runs, the fast path roughly halves parse time.
 */
final class DecimalParser {
    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };
    private static final long MAX_EXACT = 1L << 53;

    private DecimalParser() {
    }

    /**
     * Parses b[from, to).
     *
     * @throws NumberFormatException when the text is not a number
     */
    static double parse(byte[] b, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        long mantissa = 0;
        int significant = 0;
        int exponent = 0;
        boolean anyDigit = false;
        int c;
        while (i < to && (c = b[i] - '0') >= 0 && c <= 9) {
            mantissa = mantissa * 10 + c;
            if (mantissa != 0) {
                significant++;
            }
            anyDigit = true;
            i++;
        }
        if (i < to && b[i] == '.') {
            i++;
            while (i < to && (c = b[i] - '0') >= 0 && c <= 9) {
                mantissa = mantissa * 10 + c;
                if (mantissa != 0) {
                    significant++;
                }
                exponent--;
                anyDigit = true;
                i++;
            }
        }
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean expNegative = false;
            if (i < to && (b[i] == '-' || b[i] == '+')) {
                expNegative = b[i] == '-';
                i++;
            }
            int e = 0;
            int expDigits = 0;
            while (i < to && (c = b[i] - '0') >= 0 && c <= 9 && expDigits < 5) {
                e = e * 10 + c;
                expDigits++;
                i++;
            }
            if (expDigits == 0) {
                return slow(b, from, to);
            }
            exponent += expNegative ? -e : e;
        }
        if (i != to || !anyDigit || significant > 15 || mantissa > MAX_EXACT) {
            return slow(b, from, to);
        }
        double value;
        if (mantissa == 0) {
            value = 0.0;
        } else if (exponent >= 0 && exponent <= 22) {
            value = mantissa * POW10[exponent];
        } else if (exponent < 0 && exponent >= -22) {
            value = mantissa / POW10[-exponent];
        } else {
            return slow(b, from, to);
        }
        return negative ? -value : value;
    }

    private static double slow(byte[] b, int from, int to) {
        return JavaDoubleParser.parseDouble(b, from, to - from);
    }
}
