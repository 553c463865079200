package cn.anjian.etl;

import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar anjian.jar withdraw <import id> --reason=… [--chain]}: withdraws an import (撤销导入) from a
 * stopped app's warehouse, as the result page does; exits 1 when refused (the imports that stand in the way are
 * printed), 2 on a usage error.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "anjian.cli.command", havingValue = "withdraw")
class WithdrawCommand implements ApplicationRunner, ExitCodeGenerator {

    private final ImportService imports;
    private int exitCode;

    WithdrawCommand(ImportService imports) {
        this.imports = imports;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> words = args.getNonOptionArgs();
        List<String> reason = args.getOptionValues("reason");
        if (words.size() != 2 || !words.get(1).matches("\\d{1,18}") || reason == null || reason.isEmpty()) {
            System.err.println("用法: withdraw <导入编号> --reason=撤销原因 [--chain]");
            exitCode = 2;
            return;
        }
        long id = Long.parseLong(words.get(1));
        if (imports.status(id).isEmpty()) {
            System.err.println("没有编号为 " + id + " 的导入");
            exitCode = 2;
            return;
        }
        try {
            ImportService.ImportStatus status = imports.withdraw(id, reason.get(0), args.containsOption("chain"),
                    System.getProperty("user.name"));
            System.out.println("已撤销导入 " + id + "「" + status.fileName() + "」");
        } catch (ImportService.WithdrawalRefused e) {
            System.err.println(e.getMessage());
            exitCode = 1;
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
