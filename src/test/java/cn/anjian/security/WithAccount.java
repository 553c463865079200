package cn.anjian.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.context.support.WithSecurityContext;
import org.springframework.security.test.context.support.WithSecurityContextFactory;

/**
 * Runs a test (or every test of a class) signed in as a user of this role and region scope, for MockMvc requests
 * and for services called directly alike. See {@link TestLogins}.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
@WithSecurityContext(factory = WithAccount.Factory.class)
public @interface WithAccount {

    Role value();

    /** Village codes for VILLAGE, town or county codes for LEADER. */
    String[] scope() default {};

    final class Factory implements WithSecurityContextFactory<WithAccount> {

        @Override
        public SecurityContext createSecurityContext(WithAccount annotation) {
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(TestLogins.token(annotation.value(), annotation.scope()));
            return context;
        }
    }
}
