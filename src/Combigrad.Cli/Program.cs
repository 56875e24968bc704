using Combigrad.Cli.Commands;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("combigrad");
    config.AddCommand<DemoCommand>("demo")
        .WithDescription("Train a linear model through a grid shortest-path solver with Identity and with Blackbox backpropagation, and compare test regret.")
        .WithExample("demo")
        .WithExample("demo", "--epochs", "20", "--grid-size", "8", "--seed", "3");
});
return await app.RunAsync(args);
