namespace Combigrad.Cli.Tests;

public sealed class DeviceOptionTests
{
    [Fact]
    public void Run_SetCudaDeviceWithTheCpuBackend_OneLineErrorNamingTheKeyAndTheBackendPackages()
    {
        var directory = CliProcess.TemporaryDirectory();
        var (exit, output) = CliProcess.Run(directory, "run", "--experiment", "shortest-path-demo", "--set", "training.device=cuda", "--db", "r.db");
        Assert.Equal(2, exit);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("'training.device' is 'cuda' but TorchSharp finds no CUDA device", line);
        Assert.Contains("TorchSharp-cuda-linux", line);
        Assert.False(File.Exists(Path.Combine(directory, "r.db")), "nothing is recorded for a run that cannot start");
    }

    [Fact]
    public void Demo_UnknownDevice_ErrorNamingTheKey()
    {
        var directory = CliProcess.TemporaryDirectory();
        var (exit, output) = CliProcess.Run(directory, "demo", "--device", "gpu", "--epochs", "1", "--db", "r.db");
        Assert.NotEqual(0, exit);
        Assert.Contains("option 'training.device' must be cpu, cuda or cuda:N", output);
    }
}
