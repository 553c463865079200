package cn.anjian.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.stereotype.Component;

/**
 * Back to the login page with why (wrong password, locked, disabled) and in the language the form was in. The
 * typed username is not echoed back in the URL.
 */
@Component
class LoginFailureHandler implements AuthenticationFailureHandler {

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException e) throws IOException {
        String reason = e instanceof LockedException ? "locked" : e instanceof DisabledException ? "disabled" : "bad";
        String lang = "en".equals(request.getParameter("lang")) ? "&lang=en" : "";
        response.sendRedirect(request.getContextPath() + "/login?error=" + reason + lang);
    }
}
