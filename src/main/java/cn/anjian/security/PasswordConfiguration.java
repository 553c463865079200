package cn.anjian.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password hashing, outside the web security configuration because the {@code create-admin} command, which runs
 * without a web server, hashes passwords too.
 */
@Configuration(proxyBeanMethods = false)
class PasswordConfiguration {

    /** bcrypt, each hash prefixed with its id ({bcrypt}), so a later switch to argon2 keeps old hashes readable. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
