using Combigrad.Cli.CommandLine;
using Combigrad.Cli.Commands;
using Combigrad.Cli.Faults;
using Combigrad.Experiments.Faults;
using Spectre.Console.Cli;

var commands = new CommandRegistry();
var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("combigrad");
    // One exception boundary (below): every exception leaves RunAsync and is reported by FaultBoundary.
    config.PropagateExceptions();
    config.UseStrictParsing();
    // Unknown flags and arguments are errors with a suggestion, never ignored.
    config.SetInterceptor(new UnknownArgumentInterceptor());
    config.SetHelpProvider(new ExitCodeHelpProvider(config.Settings));
    commands.Add<DemoCommand>(config, "demo")
        .WithDescription("Train a linear model through a grid shortest-path solver with Identity and with Blackbox backpropagation, and compare test regret.")
        .WithExample("demo")
        .WithExample("demo", "--epochs", "20", "--grid-size", "8", "--seed", "3");
    commands.Add<RunCommand>(config, "run")
        .WithDescription("Train one configuration of an experiment (a preset plus --set overrides) and record it in the results database.")
        .WithExample("run", "--config", "configs/demo.json", "--set", "method=bb", "--set", "training.epochs=5")
        .WithExample("run", "--config", "configs/demo.json", "--resume")
        .WithExample("run", "--config", "configs/demo.json", "--restart");
    commands.Add<SweepCommand>(config, "sweep")
        .WithDescription("Run every method x hyperparameter x seed of a preset that is not yet complete.")
        .WithExample("sweep", "--config", "configs/demo.json", "--seeds", "3", "--parallel", "2")
        .WithExample("sweep", "--config", "configs/demo.json", "--slurm", "sweeps/demo", "--submit");
    commands.Add<StatusCommand>(config, "status")
        .WithDescription("Show each run's state (pending, running, completed, failed, interrupted), epochs done and last metric: of a Slurm sweep folder (with squeue/sacct) or of a results database.")
        .WithExample("status", "--slurm", "sweeps/demo");
    commands.Add<MergeCommand>(config, "merge")
        .WithDescription("Merge per-run results databases (from 'sweep --emit-jobs') into one.");
    commands.Add<ReportCommand>(config, "report")
        .WithDescription("Render a preset's table (ours beside the paper's) and figures as Markdown, HTML and PNG/SVG.")
        .WithExample("report", "--config", "configs/demo.json");
    config.AddBranch("bench", b =>
    {
        b.SetDescription("Time the solvers and a training step against references, interleaved in one process.");
        commands.Add<BenchSolversCommand>(b, "bench", "solvers").WithDescription("Time each solver against a reference (OR-Tools or a textbook algorithm), interleaved, on the same seeded instances.").WithExample("bench", "solvers", "--json");
        commands.Add<BenchTrainCommand>(b, "bench", "train")
            .WithDescription("Median time of a training step of a preset's model with Identity, BB and a no-op solver (the floor), interleaved in one process.")
            .WithExample("bench", "train", "--config", "configs/warcraft-table6.json", "--set", "k=12");
    });
    config.AddBranch("data", data =>
    {
        data.SetDescription("Fetch, build and look at data sets (warcraft) in the data cache.");
        commands.Add<DataFetchCommand>(data, "data", "fetch")
            .WithDescription("Download and unpack a data set's source files (warcraft: the freeciv-data tiles, via apt-get download).")
            .WithExample("data", "fetch", "warcraft")
            .WithExample("data", "fetch", "mnist");
        commands.Add<DataBuildCommand>(data, "data", "build")
            .WithDescription("Generate, label and cache a data set's train/validation/test splits.")
            .WithExample("data", "build", "warcraft", "-k", "12")
            .WithExample("data", "build", "warcraft", "-k", "24", "--train", "2000", "--validation", "200", "--test", "200");
        commands.Add<DataShowCommand>(data, "data", "show")
            .WithDescription("Write a PNG of one map with its true shortest path (red) and, with --run, a trained model's path (cyan).")
            .WithExample("data", "show", "warcraft", "-k", "12", "--index", "3", "--out", "map.png")
            .WithExample("data", "show", "warcraft", "-k", "12", "--index", "3", "--run", "results/checkpoints/0123456789abcdef.ckpt");
    });
});
try
{
    return await app.RunAsync(args);
}
catch (CommandParseException exception) when (commands.Explain(args) is { } explanation)
{
    // Strict parsing rejected a token; name it and suggest the closest valid flag or command.
    return FaultBoundary.Report(new FaultException(FaultKind.Usage, explanation, exception), Console.Error);
}
catch (CommandRuntimeException exception) when (commands.Explain(args) is { } explanation)
{
    // A value that does not convert ("Failed to convert 'two' to Int32"): name the flag and the expected type.
    return FaultBoundary.Report(new FaultException(FaultKind.Usage, explanation, exception), Console.Error);
}
catch (Exception exception)
{
    // Plain stderr, not Spectre markup: the console would wrap a long message over several lines.
    return FaultBoundary.Report(exception, Console.Error);
}
