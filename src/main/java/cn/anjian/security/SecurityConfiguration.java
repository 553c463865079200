package cn.anjian.security;

import jakarta.servlet.DispatcherType;

import org.jooq.DSLContext;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The one place that says who may reach what. Everything needs a signed-in user except the login page, the
 * one-time setup page and static assets; imports and user administration need ADMIN; every other endpoint is open
 * to any signed-in user because what they see is cut to their regions by {@link UserRowScope} in the query
 * builder. A new endpoint is therefore closed to anonymous users by default ({@code SecurityEndpointsTest} walks
 * every mapping to prove it). Pages redirect to the login page; the JSON API answers 401/403 ProblemDetails.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration implements WebMvcConfigurer {

    /**
     * Scripts only from this origin, so no inline script can run. Styles allow 'unsafe-inline' because ECharts
     * positions its tooltips with style attributes; images allow data: and blob: for ECharts' "save as image"
     * and the blank favicon.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private final AuditLog audit;

    SecurityConfiguration(AuditLog audit) {
        this.audit = audit;
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ProblemResponses problems, SessionRegistry sessions,
                                            DSLContext dsl, LoginFailureHandler failures) throws Exception {
        RequestMatcher api = request -> ProblemResponses.isApi(request);
        // back to the page asked for, without the "?continue" marker, which would end up in a dashboard's URL state
        HttpSessionRequestCache savedPages = new HttpSessionRequestCache();
        savedPages.setMatchingRequestParameterName(null);
        http
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.GET, "/login", "/css/**", "/js/**", "/webjars/**",
                                "/favicon.ico").permitAll()
                        .requestMatchers("/setup").permitAll()
                        .requestMatchers("/admin/**", "/api/imports", "/api/imports/**", "/imports", "/imports/**",
                                "/api/lake/**")
                        .hasRole(Role.ADMIN.name())
                        .anyRequest().authenticated())
                .formLogin(form -> form
                        .loginPage("/login")
                        .failureHandler(failures)
                        .defaultSuccessUrl("/", false)
                        .permitAll())
                .requestCache(cache -> cache.requestCache(savedPages))
                .logout(logout -> logout
                        .logoutUrl("/logout")
                        .logoutSuccessUrl("/login?logout")
                        .deleteCookies("JSESSIONID"))
                .sessionManagement(session -> session
                        .sessionFixation(fixation -> fixation.changeSessionId())
                        .maximumSessions(-1)
                        .sessionRegistry(sessions)
                        .expiredUrl("/login?expired"))
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(problems, api)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                                AnyRequestMatcher.INSTANCE)
                        .defaultAccessDeniedHandlerFor(problems, api))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .addFilterAfter(new RegionParameterGuard(dsl, audit, problems), AuthorizationFilter.class);
        return http.build();
    }

    /**
     * The only authentication provider; as a bean it becomes the global one, so the form login's manager has
     * exactly this provider and a wrong password is counted once.
     */
    @Bean
    ThrottledAuthenticationProvider throttledAuthenticationProvider(UserAccounts accounts, PasswordEncoder encoder,
                                                                    LoginThrottle throttle) {
        return new ThrottledAuthenticationProvider(accounts, encoder, throttle, audit);
    }

    /** Lets user administration end the sessions of a user it disables or changes. */
    @Bean
    SessionRegistry sessionRegistry() {
        return new SessionRegistryImpl();
    }

    @Bean
    static HttpSessionEventPublisher httpSessionEventPublisher() {
        return new HttpSessionEventPublisher();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ChangeAuditInterceptor(audit));
    }
}
