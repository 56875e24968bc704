using System.Globalization;
using System.Text.RegularExpressions;

namespace Combigrad.Experiments.Slurm;

/// <summary>Slurm's time-limit format (sbatch <c>--time</c>): <c>M</c>, <c>M:S</c>, <c>H:M:S</c>, <c>D-H</c>, <c>D-H:M</c>, <c>D-H:M:S</c>.</summary>
public static partial class SlurmTime
{
    /// <summary>Parses a time limit.</summary>
    /// <param name="text">The limit as sbatch accepts it.</param>
    /// <param name="name">What the value is (an option or preset key), for the error message.</param>
    /// <exception cref="ArgumentException">Not one of Slurm's formats, or zero.</exception>
    public static TimeSpan Parse(string text, string name)
    {
        var match = Format().Match(text.Trim());
        if (!match.Success)
            throw new ArgumentException($"{name} '{text}' is not a Slurm time (M, M:S, H:M:S, D-H, D-H:M or D-H:M:S).");
        static int Part(Group g) => g.Success ? int.Parse(g.Value, CultureInfo.InvariantCulture) : 0;
        var parts = match.Groups["rest"].Value.Split(':').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        var days = Part(match.Groups["days"]);
        var time = match.Groups["days"].Success
            // After a day count: H, H:M or H:M:S.
            ? new TimeSpan(days, parts[0], parts.Length > 1 ? parts[1] : 0, parts.Length > 2 ? parts[2] : 0)
            // Without one: M, M:S or H:M:S.
            : parts.Length switch
            {
                1 => TimeSpan.FromMinutes(parts[0]),
                2 => new TimeSpan(0, parts[0], parts[1]),
                _ => new TimeSpan(parts[0], parts[1], parts[2]),
            };
        if (time <= TimeSpan.Zero) throw new ArgumentException($"{name} '{text}' must be longer than zero.");
        return time;
    }

    [GeneratedRegex(@"^(?:(?<days>\d+)-)?(?<rest>\d+(?::\d+){0,2})$")]
    private static partial Regex Format();
}
