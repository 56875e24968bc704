using System.Globalization;
using TorchSharp;

namespace Combigrad.Experiments.Training;

/// <summary>
/// The device option of training (<c>training.device</c>): <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>. Which devices
/// exist is the application's choice of TorchSharp backend package (TorchSharp-cpu, TorchSharp-cuda-linux,
/// TorchSharp-cuda-windows); Combigrad's libraries reference only the managed TorchSharp package.
/// </summary>
internal static class TrainingDevice
{
    /// <summary>The default device name.</summary>
    public const string Cpu = "cpu";

    private const string Cuda = "cuda";

    /// <summary>Parses <paramref name="name"/> and checks that TorchSharp can use it; errors name <paramref name="key"/>.</summary>
    /// <exception cref="ArgumentException">The name is not cpu, cuda or cuda:N, or CUDA was asked for and TorchSharp finds no such device.</exception>
    public static torch.Device Parse(string? name, string key)
    {
        if (name == Cpu) return torch.CPU;
        if (name is null || !TryCudaIndex(name, out var index))
            throw new ArgumentException($"option '{key}' must be cpu, cuda or cuda:N (N a device index), got '{name}'.");
        if (!torch.cuda.is_available())
            throw new ArgumentException(
                $"option '{key}' is '{name}' but TorchSharp finds no CUDA device: the application must reference TorchSharp-cuda-linux " +
                "or TorchSharp-cuda-windows instead of TorchSharp-cpu, on a machine with an NVIDIA driver (docs/devices.md); or set " +
                $"{key}=cpu.");
        var count = torch.cuda.device_count();
        if (index >= count)
            throw new ArgumentException($"option '{key}' is '{name}' but TorchSharp sees {count} CUDA device(s), numbered from 0.");
        return new torch.Device(DeviceType.CUDA, index);
    }

    /// <summary>cuda is device 0; cuda:N is device N (digits only, no sign or spaces).</summary>
    private static bool TryCudaIndex(string name, out int index)
    {
        index = 0;
        if (name == Cuda) return true;
        var digits = name.StartsWith(Cuda + ":", StringComparison.Ordinal) ? name[(Cuda.Length + 1)..] : null;
        return digits is { Length: > 0 } && digits.All(char.IsAsciiDigit) &&
            int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }
}
