package egaml.core;

import java.nio.file.Path;

/**
 * Bad user input: names the file, the line (1-based, 0 when the problem is not tied to a line)
 * and the problem. The command-line tool prints the message and exits with status 2.
 */
public final class EgamlDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;
    private final String reason;

    public EgamlDataException(Path file, long line, String reason) {
        this(file == null ? "<unknown file>" : file.toString(), line, reason, null);
    }

    public EgamlDataException(Path file, long line, String reason, Throwable cause) {
        this(file == null ? "<unknown file>" : file.toString(), line, reason, cause);
    }

    public EgamlDataException(String file, long line, String reason, Throwable cause) {
        super(format(file, line, reason), cause);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    private static String format(String file, long line, String reason) {
        return line > 0 ? file + ":" + line + ": " + reason : file + ": " + reason;
    }

    public String file() {
        return file;
    }

    /** 1-based line number, or 0 when the problem concerns the file as a whole. */
    public long line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
