using System.Text.Json;
using System.Text.Json.Nodes;
using Combigrad.Experiments.Catalog;
using Combigrad.Experiments.Demo;
using Combigrad.Experiments.Options;
using Combigrad.Experiments.Results;
using Combigrad.Experiments.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Combigrad.Experiments.Tests.Training;

public sealed class TrainingDeviceTests
{
    private static readonly IExperiment Experiment = ExperimentCatalog.Get("shortest-path-demo");

    [Fact]
    public void TorchDevice_Default_IsTheCpu()
    {
        var options = new TrainerOptions();
        Assert.Equal("cpu", options.Device);
        Assert.Equal(DeviceType.CPU, options.TorchDevice().type);
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("CPU")]
    [InlineData("Cuda")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:x")]
    [InlineData("cuda:+1")]
    [InlineData(" cpu")]
    [InlineData("")]
    public void Bind_UnknownDeviceName_OneLineErrorNamingTheKeyAndTheForms(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => OptionsBinder.Bind(Experiment, null, [$"training.device=\"{name}\""]));
        Assert.Equal($"option 'training.device' must be cpu, cuda or cuda:N (N a device index), got '{name}'.", error.Message);
    }

    [Theory]
    [InlineData("cuda")]
    [InlineData("cuda:0")]
    [InlineData("cuda:3")]
    public void Bind_CudaWithTheCpuBackend_OneLineErrorNamingTheKeyAndTheBackendPackages(string name)
    {
        Assert.False(cuda.is_available(), "the test projects reference TorchSharp-cpu, which has no CUDA");
        var error = Assert.Throws<ArgumentException>(() => OptionsBinder.Bind(Experiment, null, [$"training.device={name}"]));
        Assert.StartsWith($"option 'training.device' is '{name}' but TorchSharp finds no CUDA device", error.Message);
        Assert.Contains("TorchSharp-cuda-linux or TorchSharp-cuda-windows instead of TorchSharp-cpu", error.Message);
        Assert.Contains("training.device=cpu", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Trainer_CudaWithTheCpuBackend_ThrowsBeforeTraining() =>
        Assert.Throws<ArgumentException>(() => new Trainer(new TrainerOptions { Device = "cuda" }));

    [Fact]
    public void Serialize_DefaultDevice_IsLeftOutSoEarlierRunKeysStay()
    {
        var options = TestOptions.Tiny("bb");
        var full = JsonSerializer.Serialize(options, Experiment.OptionsType, OptionsBinder.Json);
        Assert.Contains(",\"device\":\"cpu\"}", full);

        var canonical = OptionsBinder.Serialize(Experiment, options);

        Assert.Equal(full.Replace(",\"device\":\"cpu\"}", "}"), canonical);
        var explicitCpu = OptionsBinder.Bind(Experiment, JsonNode.Parse(canonical)!.AsObject(), ["training.device=cpu"]);
        Assert.Equal(RunIdentity.Key(Experiment.Name, canonical), RunIdentity.Key(Experiment.Name, OptionsBinder.Serialize(Experiment, explicitCpu)));
    }

    [Fact]
    public void Serialize_OtherDevice_IsRecordedAndGivesItsOwnRunKey()
    {
        var cpu = TestOptions.Tiny("bb");
        var gpu = cpu with { Training = cpu.Training with { Device = "cuda:1" } };
        var json = OptionsBinder.Serialize(Experiment, gpu);
        Assert.Contains("\"device\":\"cuda:1\"", json);
        Assert.NotEqual(RunIdentity.Key(Experiment.Name, OptionsBinder.Serialize(Experiment, cpu)), RunIdentity.Key(Experiment.Name, json));
        Assert.Equal("cuda:1", ((ShortestPathDemoOptions)JsonSerializer.Deserialize(json, Experiment.OptionsType, OptionsBinder.Json)!).Training.Device);
    }
}
