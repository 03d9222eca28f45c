package egaml.core;

import java.util.Arrays;
import java.util.Locale;

/** egaml's enums in files and on the command line: the constant's name in lower case (smoke, cosine, weights). */
public final class EnumCodes {
    private EnumCodes() {
    }

    public static String code(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** The constant whose code is {@code text} (case and surrounding spaces ignored); else a message naming them all. */
    public static <E extends Enum<E>> E parse(Class<E> type, String text, String what) {
        for (E e : type.getEnumConstants()) {
            if (code(e).equals(text.strip().toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        java.util.List<String> codes = Arrays.stream(type.getEnumConstants()).map(EnumCodes::code).toList();
        String last = codes.get(codes.size() - 1);
        String list = codes.size() == 1 ? last : String.join(", ", codes.subList(0, codes.size() - 1)) + " or " + last;
        throw new IllegalArgumentException(what + " must be " + list + ", got '" + text + "'");
    }
}
