package cn.anjian.dashboard;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A dashboard or panel id that no dashboard file declares: a 404, never a 500. */
class DashboardNotFoundException extends ErrorResponseException {

    private DashboardNotFoundException(String title, String detail) {
        super(HttpStatus.NOT_FOUND, problem(title, detail), null);
    }

    static DashboardNotFoundException dashboard(String id) {
        return new DashboardNotFoundException("没有这个看板", "没有 id 为 " + quoted(id) + " 的看板");
    }

    static DashboardNotFoundException panel(String dashboardId, String panelId) {
        return new DashboardNotFoundException("没有这个图表",
                "看板 " + dashboardId + " 中没有 id 为 " + quoted(panelId) + " 的图表");
    }

    private static ProblemDetail problem(String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        problem.setTitle(title);
        return problem;
    }

    private static String quoted(String id) {
        return "\"" + (id.length() > 64 ? id.substring(0, 64) + "…" : id) + "\"";
    }
}
