using Combigrad.Cli.Commands;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("combigrad");
    config.SetExceptionHandler((exception, _) =>
    {
        // An expected fault is one line and its own exit code (see FaultKind).
        if (exception is Combigrad.Experiments.Faults.FaultException fault)
        {
            Console.Error.WriteLine($"error: {fault.Message}");
            return (int)fault.Kind;
        }
        // Bad input (unknown option, bad value, missing file) is a one-line error, never a stack trace.
        var known = exception is ArgumentException or FileNotFoundException or InvalidDataException or CommandAppException
            or Combigrad.Data.Fetching.DataUnavailableException;
        // Plain stderr, not Spectre markup: the console would wrap a long message over several lines.
        Console.Error.WriteLine($"error: {(known ? exception.Message : exception.ToString())}");
        return known ? 2 : 1;
    });
    config.AddCommand<DemoCommand>("demo")
        .WithDescription("Train a linear model through a grid shortest-path solver with Identity and with Blackbox backpropagation, and compare test regret.")
        .WithExample("demo")
        .WithExample("demo", "--epochs", "20", "--grid-size", "8", "--seed", "3");
    config.AddCommand<RunCommand>("run")
        .WithDescription("Train one configuration of an experiment (a preset plus --set overrides) and record it in the results database.")
        .WithExample("run", "--config", "configs/demo.json", "--set", "method=bb", "--set", "training.epochs=5")
        .WithExample("run", "--config", "configs/demo.json", "--resume")
        .WithExample("run", "--config", "configs/demo.json", "--restart");
    config.AddCommand<SweepCommand>("sweep")
        .WithDescription("Run every method x hyperparameter x seed of a preset that is not yet complete.")
        .WithExample("sweep", "--config", "configs/demo.json", "--seeds", "3", "--parallel", "2")
        .WithExample("sweep", "--config", "configs/demo.json", "--slurm", "sweeps/demo", "--submit");
    config.AddCommand<StatusCommand>("status")
        .WithDescription("Show each run's state (pending, running, completed, failed, interrupted), epochs done and last metric: of a Slurm sweep folder (with squeue/sacct) or of a results database.")
        .WithExample("status", "--slurm", "sweeps/demo");
    config.AddCommand<MergeCommand>("merge")
        .WithDescription("Merge per-run results databases (from 'sweep --emit-jobs') into one.");
    config.AddCommand<ReportCommand>("report")
        .WithDescription("Render a preset's table (ours beside the paper's) and figures as Markdown, HTML and PNG/SVG.")
        .WithExample("report", "--config", "configs/demo.json");
    config.AddBranch("bench", b =>
    {
        b.AddCommand<BenchSolversCommand>("solvers").WithDescription("Time each solver against a reference (OR-Tools or a textbook algorithm), interleaved, on the same seeded instances.").WithExample("bench", "solvers", "--json");
        b.AddCommand<BenchTrainCommand>("train")
            .WithDescription("Median time of a training step of a preset's model with Identity, BB and a no-op solver (the floor), interleaved in one process.")
            .WithExample("bench", "train", "--config", "configs/warcraft-table6.json", "--set", "k=12");
    });
    config.AddBranch("data", data =>
    {
        data.SetDescription("Fetch, build and look at data sets (warcraft) in the data cache.");
        data.AddCommand<DataFetchCommand>("fetch")
            .WithDescription("Download and unpack a data set's source files (warcraft: the freeciv-data tiles, via apt-get download).")
            .WithExample("data", "fetch", "warcraft")
            .WithExample("data", "fetch", "mnist");
        data.AddCommand<DataBuildCommand>("build")
            .WithDescription("Generate, label and cache a data set's train/validation/test splits.")
            .WithExample("data", "build", "warcraft", "-k", "12")
            .WithExample("data", "build", "warcraft", "-k", "24", "--train", "2000", "--validation", "200", "--test", "200");
        data.AddCommand<DataShowCommand>("show")
            .WithDescription("Write a PNG of one map with its true shortest path (red) and, with --run, a trained model's path (cyan).")
            .WithExample("data", "show", "warcraft", "-k", "12", "--index", "3", "--out", "map.png")
            .WithExample("data", "show", "warcraft", "-k", "12", "--index", "3", "--run", "results/checkpoints/0123456789abcdef.ckpt");
    });
});
return await app.RunAsync(args);
