package snnc.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code snnc} command. Exit codes: 0 success, 1 user error (bad model, bad arguments),
 * 2 internal error or a feature that is not built yet.
 */
@Command(
    name = "snnc",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Compiles spiking neural network models for neuromorphic hardware.",
    subcommands = {
        CheckCommand.class,
        CompileCommand.class,
        SimulateCommand.class,
        TargetsCommand.class,
        CosimCommand.class,
        DeployCommand.class,
        RegressCommand.class,
        CommandLine.HelpCommand.class
    },
    footer = {"", "Examples:",
        "  snnc check examples/tiny.snn",
        "  snnc compile examples/synfire.snn --emit ir --out build/synfire",
        "  snnc simulate examples/synfire.snn --out build/synfire"})
public final class Main implements Runnable {

  /** Exit code for mistakes in the user's model or arguments. */
  public static final int USER_ERROR = 1;
  /** Exit code for internal errors and features not built yet. */
  public static final int INTERNAL_ERROR = 2;

  @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces of internal errors.")
  boolean debug;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams and returns the exit code (used by tests). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    Main main = new Main();
    CommandLine cli = new CommandLine(main);
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler((ex, arguments) -> {
      CommandLine cmd = ex.getCommandLine();
      cmd.getErr().println("error: " + ex.getMessage());
      cmd.getErr().println("run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage");
      return USER_ERROR;
    });
    cli.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
      if (ex instanceof UserErrorException user) {
        cmd.getErr().println("error: " + user.getMessage());
        return USER_ERROR;
      }
      cmd.getErr().println("internal error: " + ex);
      if (main.debug) {
        ex.printStackTrace(cmd.getErr());
      } else {
        cmd.getErr().println("this is a bug in snnc; rerun with --debug to see the stack trace");
      }
      return INTERNAL_ERROR;
    });
    return cli.execute(args);
  }
}
