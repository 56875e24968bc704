using System.Text.RegularExpressions;

namespace Combigrad.Experiments.Slurm;

/// <summary>Slurm's memory format (sbatch <c>--mem</c>): a whole number with an optional K, M, G or T suffix (megabytes without one).</summary>
public static partial class SlurmMemory
{
    /// <summary>Checks a memory size.</summary>
    /// <param name="text">The size as sbatch accepts it.</param>
    /// <param name="name">What the value is (an option or preset key), for the error message.</param>
    /// <exception cref="ArgumentException">Not Slurm's format, or zero.</exception>
    public static void Validate(string text, string name)
    {
        var match = Format().Match(text);
        if (!match.Success || match.Groups["amount"].Value.TrimStart('0').Length == 0)
            throw new ArgumentException($"{name} '{text}' is not a Slurm memory size (a positive whole number with an optional K, M, G or T suffix, e.g. 4G).");
    }

    [GeneratedRegex(@"^(?<amount>\d+)[KMGT]?$", RegexOptions.IgnoreCase)]
    private static partial Regex Format();
}
