package cn.anjian.security;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Sign-in settings.
 *
 * @param maxFailures  wrong passwords in a row after which a username is locked for the client address they came from
 * @param maxFailuresPerAddress wrong passwords in a row, for any usernames, after which a client address is locked
 * @param lockout      how long a locked username stays locked (each further lock doubles it, up to a day)
 */
@Validated
@ConfigurationProperties("anjian.security")
public record SecurityProperties(
        @Min(1) @DefaultValue("5") int maxFailures,
        @Min(1) @DefaultValue("30") int maxFailuresPerAddress,
        @NotNull @DefaultValue("15m") Duration lockout) {
}
