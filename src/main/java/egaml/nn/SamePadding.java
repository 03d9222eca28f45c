package egaml.nn;

/**
 * TensorFlow-style "same" zero padding of a one-dimensional convolution (method.md 5.2): for input
 * length L, stride s, kernel k and dilation d the total pad is max((ceil(L/s) - 1)s + (k - 1)d + 1 - L, 0),
 * the left side gets floor(pad/2) zeros and the right side the rest; the output length is ceil(L/s).
 */
public record SamePadding(int total, int left, int right, int outputLength) {

    public static SamePadding of(int length, int stride, int kernel, int dilation) {
        if (length < 1 || stride < 1 || kernel < 1 || dilation < 1) {
            throw new IllegalArgumentException("length, stride, kernel and dilation must be positive");
        }
        int out = (length + stride - 1) / stride;
        int total = Math.max((out - 1) * stride + (kernel - 1) * dilation + 1 - length, 0);
        return new SamePadding(total, total / 2, total - total / 2, out);
    }

    /**
     * The input position read by tap {@code tap} (0 .. kernel-1) of output position {@code j}, or -1 when
     * that tap falls on padding (a zero).
     */
    public int inputPosition(int j, int tap, int stride, int dilation, int length) {
        int position = j * stride - left + tap * dilation;
        return position < 0 || position >= length ? -1 : position;
    }
}
