package io.transmute.core.data;

import io.transmute.core.DataException;
import io.transmute.core.InvalidOptionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A CelebA attribute file ({@code list_attr_celeba.txt}): a line with the image count, a line of attribute
 * names, then one line per image, {@code <file> ±1 ±1 ...} with one value per name, separated by any blanks.
 *
 * @param source the file, for messages
 * @param names attribute names in column order
 * @param rows the image lines in file order
 */
public record AttributeFile(Path source, List<String> names, List<Row> rows) {
    /** Copies the lists. */
    public AttributeFile {
        names = List.copyOf(names);
        rows = List.copyOf(rows);
    }

    /**
     * One image and its attributes.
     *
     * @param file the image's file name, relative to the image folder
     * @param values one value per attribute name: +1 (has it) or -1
     */
    public record Row(String file, int[] values) {
        /** @return a copy of the values */
        @Override
        public int[] values() {
            return values.clone();
        }

        /**
         * @param column an attribute's column
         * @return whether the image has that attribute
         */
        public boolean has(int column) {
            return values[column] == 1;
        }
    }

    /**
     * Reads and checks a whole attribute file.
     *
     * @param file the file
     * @return its contents
     * @throws DataException if it cannot be read or a line is malformed; the message names the line
     */
    public static AttributeFile read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read the attribute file (" + e.getMessage() + "); give"
                    + " --attr_path the CelebA list_attr_celeba.txt", e);
        }
        return parse(file, lines);
    }

    /**
     * Parses the lines of an attribute file.
     *
     * @param source the file name for messages
     * @param lines its lines
     * @return its contents
     * @throws DataException for a bad count line, a bad header, or an image line whose column count or
     *     values are wrong
     */
    public static AttributeFile parse(Path source, List<String> lines) {
        int last = lines.size();
        // a trailing newline or blank lines at the end are common in edited files and carry no data
        while (last > 0 && lines.get(last - 1).isBlank()) {
            last--;
        }
        if (last < 2) {
            throw new DataException(source + ": an attribute file starts with an image count line and a line of"
                    + " attribute names; found " + last + " line(s)");
        }
        String count = lines.get(0).trim();
        if (!count.matches("\\d+")) {
            throw new DataException(source + ":1: expected the image count, found '" + abbreviate(count)
                    + "'; the file must be in the list_attr_celeba.txt layout");
        }
        List<String> names = List.of(lines.get(1).trim().split("\\s+"));
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (name.isEmpty() || name.matches("[-+]?\\d+") || name.contains(".")) {
                throw new DataException(source + ":2: expected attribute names such as Black_Hair, found '"
                        + abbreviate(lines.get(1).trim()) + "'");
            }
            if (!seen.add(name)) {
                throw new DataException(source + ":2: attribute " + name + " is listed twice");
            }
        }
        List<Row> rows = new ArrayList<>(last - 2);
        for (int i = 2; i < last; i++) {
            String[] parts = lines.get(i).trim().split("\\s+");
            int lineNo = i + 1;
            if (parts.length != names.size() + 1) {
                throw new DataException(source + ":" + lineNo + ": " + (parts.length - 1) + " value(s) after the"
                        + " file name but the header lists " + names.size() + " attributes");
            }
            int[] values = new int[names.size()];
            for (int k = 0; k < values.length; k++) {
                String v = parts[k + 1];
                if (v.equals("1")) {
                    values[k] = 1;
                } else if (v.equals("-1")) {
                    values[k] = -1;
                } else {
                    throw new DataException(source + ":" + lineNo + ": " + names.get(k) + " is '" + v
                            + "'; attribute values are 1 or -1");
                }
            }
            rows.add(new Row(parts[0], values));
        }
        return new AttributeFile(source, names, rows);
    }

    /**
     * The columns of the selected attributes, in the order selected.
     *
     * @param selected attribute names ({@code --selected_attrs})
     * @return one column per name
     * @throws InvalidOptionException for a name the file does not have, listing the available ones
     */
    public int[] columns(List<String> selected) {
        int[] out = new int[selected.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = names.indexOf(selected.get(i));
            if (out[i] < 0) {
                throw new InvalidOptionException("--selected_attrs " + selected.get(i) + " is not in "
                        + source.getFileName() + "; available: " + String.join(" ", names));
            }
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
