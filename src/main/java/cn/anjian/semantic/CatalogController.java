package cn.anjian.semantic;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The catalogue over HTTP: which metrics and dimensions exist, with their labels, and the members (codes and
 * labels) of coded dimensions for filter selects. Members respect the row scope: a village user's village list
 * holds their village only.
 */
@RestController
@RequestMapping("/api/catalog")
class CatalogController {

    private final Catalog catalog;
    private final MemberRepository members;

    CatalogController(Catalog catalog, MemberRepository members) {
        this.catalog = catalog;
        this.members = members;
    }

    @GetMapping
    CatalogView catalog() {
        return new CatalogView(
                catalog.metrics().stream().map(m -> new MetricView(m.id(), m.label(), m.unit(), m.format().code(),
                        m.display().decimals(), m.display().excelFormat(), m.better().code(), m.description(),
                        catalog.dimensionsOf(m)))
                        .toList(),
                catalog.dimensions().stream()
                        .map(d -> new DimensionView(d.id(), d.label(), d.coded(), d.isTime())).toList(),
                catalog.filters().stream().map(Dimension::id).toList(),
                catalog.details().stream().map(v -> new DetailViewView(v.id(), v.label(),
                        v.fields().stream().map(DetailView.Field::id).toList())).toList());
    }

    @GetMapping("/dimensions/{id}/members")
    List<Member> members(@PathVariable String id) {
        Dimension dimension = catalog.dimension(id).orElseThrow(() -> notFound("没有这个维度: " + id));
        if (!dimension.coded()) {
            throw notFound("维度 " + id + " 没有代码列表");
        }
        return members.members(dimension.members());
    }

    private static ErrorResponseException notFound(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }

    /** {@code filters}: dimension ids usable as URL filters ({@code ?town=…}). */
    record CatalogView(List<MetricView> metrics, List<DimensionView> dimensions, List<String> filters,
                       List<DetailViewView> details) {
    }

    /**
     * {@code format} and {@code decimals}: how values are shown (a ratio in percent, to that many decimals);
     * {@code numberFormat}: the same as a spreadsheet number format; {@code better}: {@code higher}, {@code lower}
     * or {@code neutral}, which way is good (KPI arrows, colour scales); {@code dimensions}: the dimensions the
     * metric can be broken down by.
     */
    record MetricView(String id, Label label, Label unit, String format, int decimals, String numberFormat,
                      String better, Label description, List<String> dimensions) {
    }

    /** {@code coded}: whether {@code /api/catalog/dimensions/{id}/members} lists its codes; {@code time}: a grain. */
    record DimensionView(String id, Label label, boolean coded, boolean time) {
    }

    record DetailViewView(String id, Label label, List<String> fields) {
    }
}
