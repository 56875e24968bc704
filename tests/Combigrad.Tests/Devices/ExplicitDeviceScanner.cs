using System.Text;
using System.Text.RegularExpressions;

namespace Combigrad.Tests.Devices;

/// <summary>
/// A source rule that keeps Combigrad device-agnostic, checked on the text of the C# files: (1) every tensor factory
/// call (<c>tensor</c>, <c>zeros</c>, <c>arange</c>, <c>randn</c>, ...) names its device with a <c>device:</c> argument,
/// because without one TorchSharp uses its process-wide default device; the <c>*_like</c> factories follow their
/// argument and are fine. (2) Every <c>.data&lt;T&gt;()</c> read copies to the CPU first in the same statement line
/// (<c>.cpu()</c> or a <c>.to(..., CPU)</c>), because reading a CUDA tensor's memory fails. A justified exception
/// carries <c>// device-ok: reason</c> on its line or the line above.
/// </summary>
internal static partial class ExplicitDeviceScanner
{
    /// <summary>The comment marker of a justified exception; a reason must follow it.</summary>
    public const string AllowMarker = "device-ok:";

    /// <summary>One finding: file, 1-based line, the rule broken and the line's text.</summary>
    public sealed record Violation(string File, int Line, string Rule, string Text)
    {
        /// <inheritdoc />
        public override string ToString() => $"{File}:{Line}: {Rule}: {Text.Trim()}";
    }

    [GeneratedRegex(@"(?<![\w.])(?:torch\s*\.\s*)?(?<name>tensor|zeros|ones|empty|full|arange|rand|randn|randint|randperm|linspace|logspace|eye|scalar_tensor|as_tensor|from_array|normal|bernoulli|multinomial)\s*\(")]
    private static partial Regex FactoryCall();

    [GeneratedRegex(@"\bdevice\s*:")]
    private static partial Regex DeviceArgument();

    [GeneratedRegex(@"\.data\s*<")]
    private static partial Regex DataRead();

    [GeneratedRegex(@"\.cpu\s*\(\s*\)|\bCPU\b")]
    private static partial Regex CpuCopy();

    /// <summary>The violations in one file's <paramref name="source"/>.</summary>
    public static IEnumerable<Violation> Scan(string file, string source)
    {
        var code = BlankCommentsAndStrings(source);
        var lines = source.Split('\n');
        var codeLines = code.Split('\n');
        foreach (Match call in FactoryCall().Matches(code))
        {
            var open = call.Index + call.Length - 1;
            var close = MatchingParenthesis(code, open);
            var line = LineOf(code, call.Index);
            if (DeviceArgument().IsMatch(code[(open + 1)..close]) || Allowed(lines, line)) continue;
            yield return new Violation(file, line + 1, $"{call.Groups["name"].Value}(...) without device:", lines[line]);
        }
        foreach (Match read in DataRead().Matches(code))
        {
            var line = LineOf(code, read.Index);
            if (CpuCopy().IsMatch(codeLines[line]) || Allowed(lines, line)) continue;
            yield return new Violation(file, line + 1, ".data<T>() without a copy to the CPU", lines[line]);
        }
    }

    private static bool Allowed(string[] lines, int line) =>
        HasMarker(lines[line]) || (line > 0 && HasMarker(lines[line - 1]));

    private static bool HasMarker(string line)
    {
        var at = line.IndexOf("// " + AllowMarker, StringComparison.Ordinal);
        return at >= 0 && line[(at + 3 + AllowMarker.Length)..].Trim().Length > 0;
    }

    private static int LineOf(string text, int index)
    {
        var line = 0;
        for (var i = 0; i < index; i++)
            if (text[i] == '\n') line++;
        return line;
    }

    /// <summary>The index of the parenthesis that closes the one at <paramref name="open"/> (the end of the text if none).</summary>
    private static int MatchingParenthesis(string code, int open)
    {
        var depth = 0;
        for (var i = open; i < code.Length; i++)
        {
            if (code[i] == '(') depth++;
            else if (code[i] == ')' && --depth == 0) return i;
        }
        return code.Length;
    }

    /// <summary>The source with comments and the contents of string and character literals replaced by spaces (line
    /// breaks kept), so that neither a commented-out call nor a message text counts and parentheses balance.</summary>
    internal static string BlankCommentsAndStrings(string source)
    {
        var output = new StringBuilder(source);
        var i = 0;
        void Blank(int from, int to)
        {
            for (var k = from; k < Math.Min(to, source.Length); k++)
                if (source[k] != '\n') output[k] = ' ';
        }
        int Find(string what, int from)
        {
            var at = source.IndexOf(what, from, StringComparison.Ordinal);
            return at < 0 ? source.Length : at;
        }
        int EndOfQuoted(int from, char quote)
        {
            for (var k = from; k < source.Length; k++)
            {
                if (source[k] == '\\') k++;
                else if (source[k] == quote || source[k] == '\n') return k;
            }
            return source.Length;
        }
        while (i < source.Length)
        {
            if (source.AsSpan(i).StartsWith("//"))
            {
                var end = Find("\n", i);
                Blank(i, end);
                i = end;
            }
            else if (source.AsSpan(i).StartsWith("/*"))
            {
                var end = Math.Min(Find("*/", i + 2) + 2, source.Length);
                Blank(i, end);
                i = end;
            }
            else if (source.AsSpan(i).StartsWith("\"\"\""))
            {
                var end = Math.Min(Find("\"\"\"", i + 3) + 3, source.Length);
                Blank(i, end);
                i = end;
            }
            else if (source.AsSpan(i).StartsWith("@\"") || source.AsSpan(i).StartsWith("$@\"") || source.AsSpan(i).StartsWith("@$\""))
            {
                var k = source.IndexOf('"', i) + 1;
                while (k < source.Length && !(source[k] == '"' && (k + 1 >= source.Length || source[k + 1] != '"')))
                    k += source[k] == '"' ? 2 : 1;
                Blank(i, k + 1);
                i = k + 1;
            }
            else if (source[i] is '"' or '\'')
            {
                var end = EndOfQuoted(i + 1, source[i]);
                Blank(i, end + 1);
                i = end + 1;
            }
            else i++;
        }
        return output.ToString();
    }
}
