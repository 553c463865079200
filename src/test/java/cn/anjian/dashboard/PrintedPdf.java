package cn.anjian.dashboard;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * What a PDF printed by the browser holds, read with PDFBox: page sizes, the text, what is painted where and each
 * page as a picture. The print tests ask these questions of the file a user gets from "print to PDF", not of the
 * page in the browser, so a layout that only looks right on screen cannot pass them.
 */
final class PrintedPdf {

    /** Resolution of the pictures {@link #ink} looks at: one pixel per CSS pixel. */
    private static final float DPI = 96;

    private final byte[] bytes;
    private final Map<Integer, BufferedImage> pictures = new HashMap<>();

    PrintedPdf(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    /** Each page's media box (width × height in points). */
    List<PDRectangle> pageSizes() {
        return read(document -> {
            List<PDRectangle> sizes = new ArrayList<>();
            for (PDPage page : document.getPages()) {
                sizes.add(page.getMediaBox());
            }
            return sizes;
        });
    }

    /** All text of all pages with every space and line break removed, for phrases a line break may have split. */
    String textWithoutWhitespace() {
        return read(document -> new PDFTextStripper().getText(document)).replaceAll("\\s+", "");
    }

    /** What the pages paint, grouped by the clip it is painted under. */
    List<PdfPaintings.Painting> paintings() {
        return read(PdfPaintings::of);
    }

    /**
     * Where {@code phrase} is first printed (spaces and line breaks aside): its page and the origin of its first
     * character, in points from the page's top left, the y on the baseline.
     */
    Optional<Place> find(String phrase) {
        String wanted = phrase.replaceAll("\\s+", "");
        return read(document -> {
            Positions positions = new Positions();
            positions.getText(document);
            for (var page : positions.byPage.entrySet()) {
                StringBuilder text = new StringBuilder();
                List<TextPosition> at = new ArrayList<>();
                for (TextPosition position : page.getValue()) {
                    for (char c : position.getUnicode().replaceAll("\\s+", "").toCharArray()) {
                        text.append(c);
                        at.add(position);
                    }
                }
                int index = text.indexOf(wanted);
                if (index >= 0) {
                    TextPosition first = at.get(index);
                    return Optional.of(new Place(page.getKey(), first.getXDirAdj(), first.getYDirAdj()));
                }
            }
            return Optional.empty();
        });
    }

    /** A place on a page: 1-based page number, x and y in points from the page's top left. */
    record Place(int page, double x, double y) {
    }

    /**
     * The share of a box of a page (points from the page's top left) that is printed in ink, i.e. clearly darker
     * than paper; 0 for a blank box.
     */
    double ink(int page, Rectangle2D box) {
        BufferedImage picture = pictures.computeIfAbsent(page, p -> render(p, DPI));
        double scale = DPI / 72;
        int left = (int) Math.max(0, Math.round(box.getMinX() * scale));
        int right = (int) Math.min(picture.getWidth(), Math.round(box.getMaxX() * scale));
        int top = (int) Math.max(0, Math.round(box.getMinY() * scale));
        int bottom = (int) Math.min(picture.getHeight(), Math.round(box.getMaxY() * scale));
        long inked = 0;
        long all = 0;
        for (int y = top; y < bottom; y++) {
            for (int x = left; x < right; x++) {
                int rgb = picture.getRGB(x, y);
                double luminance = 0.299 * (rgb >> 16 & 0xff) + 0.587 * (rgb >> 8 & 0xff) + 0.114 * (rgb & 0xff);
                inked += luminance < 200 ? 1 : 0;
                all++;
            }
        }
        return all == 0 ? 0 : (double) inked / all;
    }

    /** Writes the PDF to {@code file} and its pages as PNGs at {@code dpi} named {@code prefix1.png}, … next to it. */
    void save(Path file, String prefix, float dpi) throws IOException {
        Files.createDirectories(file.getParent());
        try (var old = Files.newDirectoryStream(file.getParent(), prefix + "*.png")) {
            for (Path png : old) {
                Files.delete(png); // pages of an earlier, longer print
            }
        }
        Files.write(file, bytes);
        for (int page = 1; page <= pageSizes().size(); page++) {
            ImageIO.write(render(page, dpi), "png", file.resolveSibling(prefix + page + ".png").toFile());
        }
    }

    private BufferedImage render(int page, float dpi) {
        return read(document -> new PDFRenderer(document).renderImageWithDPI(page - 1, dpi));
    }

    private <T> T read(Reading<T> reading) {
        try (PDDocument document = Loader.loadPDF(bytes)) {
            return reading.apply(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Collects every printed character with its position, page by page. */
    private static final class Positions extends PDFTextStripper {

        final Map<Integer, List<TextPosition>> byPage = new TreeMap<>();

        @Override
        protected void writeString(String text, List<TextPosition> positions) {
            byPage.computeIfAbsent(getCurrentPageNo(), p -> new ArrayList<>()).addAll(positions);
        }
    }

    @FunctionalInterface
    private interface Reading<T> {
        T apply(PDDocument document) throws IOException;
    }
}
