package cn.anjian.dashboard;

import java.awt.geom.GeneralPath;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.contentstream.PDFGraphicsStreamEngine;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.util.Matrix;
import org.apache.pdfbox.util.Vector;

/**
 * What each page of a PDF paints, grouped by the clips it is painted under, and how far any of it reaches past what
 * those clips leave visible. A chart drawn larger than its printed box (a canvas left at its screen size inside a box
 * that clips it) paints past its clip: on paper, a chart cut off at the edge. This holds whether Chromium printed
 * the canvas as a bitmap or as vector paths (it does either, depending on when the canvas was last painted), which
 * is why the print test measures painting instead of counting images.
 */
final class PdfPaintings {

    /**
     * The painting under one clip on one page; coordinates in points, origin at the bottom left of the page.
     *
     * @param page    1-based page number
     * @param clip    the box painting is clipped to
     * @param painted everything painted under it, before clipping
     * @param past    how far, in points, the painting reaches past what is left visible by all the clips it is
     *                painted under (0 when all of it is visible)
     */
    record Painting(int page, Rectangle2D clip, Rectangle2D painted, double past) {
    }

    private PdfPaintings() {
    }

    static List<Painting> of(PDDocument document) throws IOException {
        List<Painting> paintings = new ArrayList<>();
        int number = 0;
        for (PDPage page : document.getPages()) {
            Meter meter = new Meter(page, ++number);
            meter.processPage(page);
            paintings.addAll(meter.byClip.values());
        }
        return paintings;
    }

    /** Walks a page's content and charges every painted path, image and glyph to the clips it is painted under. */
    private static final class Meter extends PDFGraphicsStreamEngine {

        final Map<Rectangle2D, Painting> byClip = new LinkedHashMap<>();
        private final int number;
        private final GeneralPath path = new GeneralPath();
        private Integer clipRule;

        Meter(PDPage page, int number) {
            super(page);
            this.number = number;
        }

        private void paint(Rectangle2D box) {
            if (box.getWidth() == 0 && box.getHeight() == 0) {
                return;
            }
            // the clips one by one (asking PDFBox for their intersection would merge them for good)
            List<Rectangle2D> clips = getGraphicsState().getCurrentClippingPaths().stream()
                    .map(Path2D::getBounds2D).toList();
            Rectangle2D visible = clips.stream().reduce(Rectangle2D::createIntersection).orElseThrow();
            double past = Math.max(0, Math.max(
                    Math.max(visible.getMinX() - box.getMinX(), box.getMaxX() - visible.getMaxX()),
                    Math.max(visible.getMinY() - box.getMinY(), box.getMaxY() - visible.getMaxY())));
            // charged to every clip it is painted under: a chart's box, and inside it, say, a series' plot area
            for (Rectangle2D clip : clips) {
                byClip.merge(clip, new Painting(number, clip, box.getBounds2D(), past),
                        (a, b) -> new Painting(number, clip, a.painted().createUnion(b.painted()),
                                Math.max(a.past(), b.past())));
            }
        }

        @Override
        public void drawImage(PDImage image) {
            GeneralPath unit = new GeneralPath(new Rectangle2D.Double(0, 0, 1, 1));
            unit.transform(getGraphicsState().getCurrentTransformationMatrix().createAffineTransform());
            paint(unit.getBounds2D());
        }

        @Override
        protected void showGlyph(Matrix glyph, PDFont font, int code, Vector displacement) throws IOException {
            super.showGlyph(glyph, font, code, displacement);
            double size = glyph.getScalingFactorY();
            double width = displacement.getX() * glyph.getScalingFactorX();
            // the glyph's em box: from a fifth below the baseline up to the font size above it
            paint(new Rectangle2D.Double(glyph.getTranslateX(), glyph.getTranslateY() - 0.2 * size,
                    Math.max(width, 0.1), 0.9 * size));
        }

        @Override
        public void shadingFill(COSName shadingName) {
            paint(getGraphicsState().getCurrentClippingPaths().stream().map(Path2D::getBounds2D)
                    .reduce(Rectangle2D::createIntersection).orElseThrow());
        }

        @Override
        public void appendRectangle(Point2D p0, Point2D p1, Point2D p2, Point2D p3) {
            path.moveTo(p0.getX(), p0.getY());
            path.lineTo(p1.getX(), p1.getY());
            path.lineTo(p2.getX(), p2.getY());
            path.lineTo(p3.getX(), p3.getY());
            path.closePath();
        }

        @Override
        public void moveTo(float x, float y) {
            path.moveTo(x, y);
        }

        @Override
        public void lineTo(float x, float y) {
            path.lineTo(x, y);
        }

        @Override
        public void curveTo(float x1, float y1, float x2, float y2, float x3, float y3) {
            path.curveTo(x1, y1, x2, y2, x3, y3);
        }

        @Override
        public Point2D getCurrentPoint() {
            return path.getCurrentPoint();
        }

        @Override
        public void closePath() {
            path.closePath();
        }

        @Override
        public void clip(int windingRule) {
            clipRule = windingRule; // takes effect when the path ends
        }

        @Override
        public void endPath() {
            if (clipRule != null) {
                path.setWindingRule(clipRule);
                getGraphicsState().intersectClippingPath(new GeneralPath(path));
                clipRule = null;
            }
            path.reset();
        }

        @Override
        public void strokePath() {
            paintPath();
        }

        @Override
        public void fillPath(int windingRule) {
            paintPath();
        }

        @Override
        public void fillAndStrokePath(int windingRule) {
            paintPath();
        }

        private void paintPath() {
            if (path.getCurrentPoint() != null) {
                paint(path.getBounds2D());
            }
            endPath();
        }
    }
}
