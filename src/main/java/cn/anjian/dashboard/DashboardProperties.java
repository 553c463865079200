package cn.anjian.dashboard;

import java.time.ZoneId;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where dashboard files are read from and which calendar "this month" belongs to.
 *
 * @param location resource pattern of the dashboard YAML files (the jar carries the top-level {@code dashboards/})
 * @param zone     time zone of the default date ranges: users are in China whatever the server's zone
 * @param home     the dashboard {@code /} opens
 */
@Validated
@ConfigurationProperties("anjian.dashboard")
public record DashboardProperties(
        @NotBlank @DefaultValue("classpath*:dashboards/*.yaml") String location,
        @NotNull @DefaultValue("Asia/Shanghai") ZoneId zone,
        @NotBlank @DefaultValue("overview") String home) {
}
