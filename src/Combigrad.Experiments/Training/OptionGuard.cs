namespace Combigrad.Experiments.Training;

/// <summary>One-line validation errors that name the option key as written in presets and <c>--set</c>.</summary>
public static class OptionGuard
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming <paramref name="key"/> unless <paramref name="condition"/> holds.</summary>
    /// <exception cref="ArgumentException">The condition is false.</exception>
    public static void Require(bool condition, string key, object value, string rule)
    {
        if (!condition) throw new ArgumentException($"option '{key}' must be {rule}, got {value}.");
    }
}
