package cn.anjian;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** 安监数仓: township work-safety supervision warehouse. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AnjianApplication {

    public static void main(String[] args) {
        SpringApplication.run(AnjianApplication.class, args);
    }
}
