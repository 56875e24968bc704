namespace Combigrad.Tests.Devices;

public sealed class ExplicitDeviceSourceTests
{
    [Fact]
    public void Sources_EveryTensorFactoryNamesItsDeviceAndEveryDataReadCopiesToTheCpu()
    {
        var root = RepositoryRoot();
        var files = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .ToList();
        Assert.True(files.Count > 100, $"found only {files.Count} source files under {root}/src");
        var violations = files
            .SelectMany(f => ExplicitDeviceScanner.Scan(Path.GetRelativePath(root, f), File.ReadAllText(f)))
            .ToList();
        Assert.True(violations.Count == 0,
            $"tensors on TorchSharp's implicit default device (name the device, or justify with // {ExplicitDeviceScanner.AllowMarker} reason):\n" +
            string.Join('\n', violations));
    }

    [Theory]
    [InlineData("var x = zeros(3);", "zeros")]
    [InlineData("var x = torch.tensor(values, [2, 3]);", "tensor")]
    [InlineData("var x = arange(n,\n    dtype: ScalarType.Int64);", "arange")]
    [InlineData("var x = randn(like.shape, generator: g).to(like.device);", "randn")]
    [InlineData("var x = tensor(Select(i => f(i)).ToArray());", "tensor")]
    [InlineData("var v = t.contiguous().data<float>();", ".data<T>()")]
    public void Scan_ImplicitDevice_IsReported(string source, string rule)
    {
        var violation = Assert.Single(ExplicitDeviceScanner.Scan("x.cs", source));
        Assert.StartsWith(rule, violation.Rule);
        Assert.Equal(1, violation.Line);
    }

    [Theory]
    [InlineData("var x = zeros(3, device: costs.device);")]
    [InlineData("var x = tensor(values, [2, 3],\n    device: CPU);")]
    [InlineData("var x = zeros_like(costs) + ones_like(costs);")]
    [InlineData("var x = costs.full(3);")]
    [InlineData("// var x = zeros(3);")]
    [InlineData("/// <c>zeros(3)</c>")]
    [InlineData("throw new ArgumentException(\"zeros(3) is not allowed\");")]
    [InlineData("throw new ArgumentException($\"tensor({n}) is not allowed\");")]
    [InlineData("var c = '('; var x = zeros(3, device: d);")]
    [InlineData("// device-ok: the caller moves it\nvar x = zeros(3);")]
    [InlineData("var x = zeros(3); // device-ok: the caller moves it")]
    [InlineData("var v = t.cpu().data<float>();")]
    [InlineData("var v = t.to(ScalarType.Float32, CPU).data<float>();")]
    public void Scan_ExplicitDeviceOrJustified_IsNotReported(string source) =>
        Assert.Empty(ExplicitDeviceScanner.Scan("x.cs", source));

    [Fact]
    public void Scan_MarkerWithoutReason_DoesNotExcuse() =>
        Assert.Single(ExplicitDeviceScanner.Scan("x.cs", "var x = zeros(3); // device-ok:"));

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Combigrad.slnx"))) return directory.FullName;
        throw new InvalidOperationException($"no Combigrad.slnx above {AppContext.BaseDirectory}");
    }
}
