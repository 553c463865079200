package cn.anjian.dashboard;

import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Renders the dashboard API's errors as RFC 9457 ProblemDetails: unknown dashboard or panel 404, bad filter 400
 * with the parameter named (both are {@code ErrorResponseException}s), and Spring MVC's own binding errors.
 * Scoped to the API controller; the HTML pages keep Spring Boot's error pages.
 */
@RestControllerAdvice(assignableTypes = DashboardApiController.class)
class DashboardApiExceptionHandler extends ResponseEntityExceptionHandler {
}
