using System.Reflection;
using Spectre.Console.Cli;

namespace Combigrad.Cli.CommandLine;

/// <summary>
/// The closest valid flags for a mistyped one: by edit distance (<see cref="EditDistance"/>), or an exact extension
/// (<c>--seed</c> for <c>--seeds</c>); for commands with <c>--set</c>, also the experiment option key the flag
/// probably means (<c>--epochs 3</c> -&gt; <c>--set training.epochs=3</c>).
/// </summary>
internal static class FlagSuggestions
{
    /// <summary>The suggestion part of an error message: "did you mean ...?", or the list of valid flags.</summary>
    /// <param name="flag">The unknown flag as typed (<c>--epochs</c>, <c>-x</c>).</param>
    /// <param name="value">The token that followed it, if it looks like its value.</param>
    /// <param name="settingsType">The settings type of the command.</param>
    public static string For(string flag, string? value, Type settingsType)
    {
        var flags = Flags(settingsType).ToList();
        var typed = flag.TrimStart('-').ToLowerInvariant();
        var normalized = Normalize(typed);
        var threshold = Math.Max(1, normalized.Length / 3);
        var candidates = new List<(int Score, int Order, string Text)>();
        for (var i = 0; i < flags.Count; i++) candidates.Add((Score(typed, flags[i].TrimStart('-')), i, flags[i]));
        if (flags.Contains("--set"))
        {
            // Keys most experiments share first: "seed" means training.seed before an experiment's own benchmark.seed.
            var keys = OptionKeys.Keys;
            for (var i = 0; i < keys.Count; i++)
            {
                var key = keys[i];
                var leaf = Normalize(key[(key.LastIndexOf('.') + 1)..]);
                var score = Math.Min(Score(normalized, leaf), Score(normalized, Normalize(key)));
                candidates.Add((score, flags.Count + i, $"--set {key}={value ?? "VALUE"}"));
            }
        }
        var best = candidates.Where(c => c.Score <= threshold).OrderBy(c => c.Score).ThenBy(c => c.Order).ToList();
        if (best.Count == 0) return $"valid options: {string.Join(", ", flags)}.";
        return $"did you mean {string.Join(" or ", best.TakeWhile(c => c.Score == best[0].Score).Take(2).Select(c => $"'{c.Text}'"))}?";
    }

    /// <summary>The closest of <paramref name="names"/> to <paramref name="typed"/>, or null when none is close.</summary>
    public static string? Closest(string typed, IEnumerable<string> names)
    {
        var threshold = Math.Max(1, typed.Length / 3);
        return names.Select(n => (Name: n, Score: Score(typed.ToLowerInvariant(), n.ToLowerInvariant())))
            .Where(c => c.Score <= threshold).OrderBy(c => c.Score).Select(c => c.Name).FirstOrDefault();
    }

    /// <summary>The long (<c>--name</c>) and short (<c>-k</c>) flags a settings type declares.</summary>
    public static IEnumerable<string> Flags(Type settingsType) =>
        Options(settingsType).SelectMany(a => a.LongNames.Select(n => "--" + n).Concat(a.ShortNames.Select(n => "-" + n)));

    /// <summary>The option attributes a settings type declares (inherited ones included).</summary>
    public static IEnumerable<CommandOptionAttribute> Options(Type settingsType) =>
        settingsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => p.GetCustomAttribute<CommandOptionAttribute>())
            .Where(a => a is not null && !a.IsHidden)
            .Select(a => a!);

    /// <summary>Edit distance, or 0 when one name extends the other (<c>seed</c> and <c>seeds</c>, <c>datadir</c> and <c>datadirectory</c>).</summary>
    private static int Score(string typed, string candidate)
    {
        const int MinimumPrefix = 3;
        if (typed.Length >= MinimumPrefix && candidate.Length >= MinimumPrefix &&
            (candidate.StartsWith(typed, StringComparison.Ordinal) || typed.StartsWith(candidate, StringComparison.Ordinal)))
            return 0;
        return EditDistance.Between(typed, candidate);
    }

    private static string Normalize(string name) => new([.. name.ToLowerInvariant().Where(char.IsLetterOrDigit)]);
}
