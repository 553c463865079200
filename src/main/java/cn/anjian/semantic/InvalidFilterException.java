package cn.anjian.semantic;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A filter parameter a user (or a hand-edited URL) got wrong. Rendered as a 400 ProblemDetail whose
 * {@code parameter} property names the parameter, so the page can point at the right field.
 */
public class InvalidFilterException extends ErrorResponseException {

    private final String parameter;

    public InvalidFilterException(String parameter, String detail) {
        super(HttpStatus.BAD_REQUEST, problem(parameter, detail), null);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }

    private static ProblemDetail problem(String parameter, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("筛选条件无效");
        problem.setProperty("parameter", parameter);
        return problem;
    }
}
