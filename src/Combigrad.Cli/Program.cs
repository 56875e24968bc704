using Combigrad.Cli.Commands;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("combigrad");
    config.SetExceptionHandler((exception, _) =>
    {
        // Bad input (unknown option, bad value, missing file) is a one-line error, never a stack trace.
        var known = exception is ArgumentException or FileNotFoundException or InvalidDataException or CommandAppException;
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
        .WithExample("run", "--config", "configs/demo.json", "--resume");
    config.AddCommand<SweepCommand>("sweep")
        .WithDescription("Run every method x hyperparameter x seed of a preset that is not yet complete.")
        .WithExample("sweep", "--config", "configs/demo.json", "--seeds", "3", "--parallel", "2");
    config.AddCommand<MergeCommand>("merge")
        .WithDescription("Merge per-run results databases (from 'sweep --emit-jobs') into one.");
    config.AddCommand<ReportCommand>("report")
        .WithDescription("Render a preset's table (ours beside the paper's) and figures as Markdown, HTML and PNG/SVG.")
        .WithExample("report", "--config", "configs/demo.json");
});
return await app.RunAsync(args);
