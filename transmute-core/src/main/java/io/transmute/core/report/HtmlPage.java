package io.transmute.core.report;

import io.transmute.core.io.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The page the reference's {@code util/html.py} builds: a title, then for each section an {@code h3} header
 * and a one-row table of linked, captioned images from {@code images/}.
 */
final class HtmlPage {
    /** One captioned image; {@code file} is relative to {@code images/}. */
    record Cell(String file, String caption) {
    }

    private record Section(String header, List<Cell> cells, int width) {
    }

    private final String title;
    private final int refreshSeconds;
    private final List<String> preamble = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();

    HtmlPage(String title, int refreshSeconds) {
        this.title = title;
        this.refreshSeconds = refreshSeconds;
    }

    /** Adds an image above the sections, e.g. the loss plot; {@code src} is relative to the page. */
    HtmlPage image(String src, String alt) {
        preamble.add("    <p><img src=\"" + escape(src) + "\" alt=\"" + escape(alt) + "\"></p>\n");
        return this;
    }

    HtmlPage section(String header, List<Cell> cells, int width) {
        sections.add(new Section(header, List.copyOf(cells), width));
        return this;
    }

    String render() {
        StringBuilder s = new StringBuilder(4096);
        s.append("<!DOCTYPE html>\n<html>\n  <head>\n    <meta charset=\"utf-8\">\n");
        s.append("    <title>").append(escape(title)).append("</title>\n");
        if (refreshSeconds > 0) {
            s.append("    <meta content=\"").append(refreshSeconds).append("\" http-equiv=\"refresh\">\n");
        }
        s.append("  </head>\n  <body>\n");
        preamble.forEach(s::append);
        for (Section sec : sections) {
            s.append("    <h3>").append(escape(sec.header())).append("</h3>\n");
            s.append("    <table border=\"1\" style=\"table-layout: fixed;\">\n      <tr>\n");
            for (Cell c : sec.cells()) {
                String src = escape("images/" + c.file());
                s.append("        <td halign=\"center\" style=\"word-wrap: break-word;\" valign=\"top\">\n")
                        .append("          <p>\n")
                        .append("            <a href=\"").append(src).append("\">\n")
                        .append("              <img src=\"").append(src).append("\" style=\"width:")
                        .append(sec.width()).append("px\">\n")
                        .append("            </a>\n            <br>\n")
                        .append("            <p>").append(escape(c.caption())).append("</p>\n")
                        .append("          </p>\n        </td>\n");
            }
            s.append("      </tr>\n    </table>\n");
        }
        s.append("  </body>\n</html>\n");
        return s.toString();
    }

    void save(Path file) {
        byte[] bytes = render().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '&' -> s.append("&amp;");
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '"' -> s.append("&quot;");
                default -> s.append(ch);
            }
        }
        return s.toString();
    }
}
