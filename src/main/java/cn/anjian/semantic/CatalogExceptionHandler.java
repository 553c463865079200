package cn.anjian.semantic;

import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Renders the catalogue and query API's errors (and Spring MVC's own, such as a malformed parameter) as RFC 9457
 * ProblemDetails. Scoped to this package's controllers so other features keep their own error handling.
 */
@RestControllerAdvice(assignableTypes = {CatalogController.class, QueryController.class})
class CatalogExceptionHandler extends ResponseEntityExceptionHandler {
}
