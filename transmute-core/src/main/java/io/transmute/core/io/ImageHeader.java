package io.transmute.core.io;

/**
 * What an encoded image's header says, read without decoding its pixels.
 *
 * @param format the reader's format name in lower case ({@code png}, {@code jpeg}, {@code tiff}, {@code bmp}, ...)
 * @param width columns
 * @param height rows
 */
public record ImageHeader(String format, int width, int height) {
    /** @return {@code width * height}, as a long so that a forged header cannot overflow it */
    public long pixels() {
        return (long) width * height;
    }
}
