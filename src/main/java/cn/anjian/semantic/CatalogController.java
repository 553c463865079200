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
                catalog.metrics().stream().map(m -> new MetricView(m.id(), m.label(), m.unit())).toList(),
                catalog.dimensions().stream()
                        .map(d -> new DimensionView(d.id(), d.label(), d.members() != Dimension.MemberKind.NONE))
                        .toList());
    }

    @GetMapping("/dimensions/{id}/members")
    List<Member> members(@PathVariable String id) {
        Dimension dimension = catalog.dimension(id).orElseThrow(() -> notFound("没有这个维度: " + id));
        if (dimension.members() == Dimension.MemberKind.NONE) {
            throw notFound("维度 " + id + " 没有代码列表");
        }
        return members.members(dimension.members());
    }

    private static ErrorResponseException notFound(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }

    record CatalogView(List<MetricView> metrics, List<DimensionView> dimensions) {
    }

    record MetricView(String id, Label label, Label unit) {
    }

    /** {@code coded}: whether {@code /api/catalog/dimensions/{id}/members} lists its codes. */
    record DimensionView(String id, Label label, boolean coded) {
    }
}
