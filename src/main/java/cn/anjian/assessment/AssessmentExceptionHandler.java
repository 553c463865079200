package cn.anjian.assessment;

import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Renders the assessment API's errors (unknown year, bad unit, Spring MVC's own such as a non-numeric year) as
 * RFC 9457 ProblemDetails; scoped to this feature's API so other features keep their own handling.
 */
@RestControllerAdvice(assignableTypes = AssessmentApiController.class)
class AssessmentExceptionHandler extends ResponseEntityExceptionHandler {
}
