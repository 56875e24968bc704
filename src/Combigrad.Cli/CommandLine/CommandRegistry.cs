using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Spectre.Console.Cli;

namespace Combigrad.Cli.CommandLine;

/// <summary>
/// The commands of the app with their settings types, recorded while the app is configured, so that a parse error of
/// Spectre.Console.Cli (strict parsing) can be explained in one line: which token, for which command, and the closest
/// valid flag or command. The explanation only ever replaces the message of an error Spectre already raised.
/// </summary>
internal sealed class CommandRegistry
{
    private readonly Dictionary<string, Type> _settings = new(StringComparer.Ordinal);

    /// <summary>Command paths ("run", "bench solvers") to their settings types, in registration order.</summary>
    public IReadOnlyDictionary<string, Type> Settings => _settings;

    /// <summary>Adds a top-level command and records it.</summary>
    public ICommandConfigurator Add<TCommand>(IConfigurator config, string name) where TCommand : class, ICommand
    {
        Record(name, typeof(TCommand));
        return config.AddCommand<TCommand>(name);
    }

    /// <summary>Adds a command of the branch <paramref name="branch"/> and records it.</summary>
    public ICommandConfigurator Add<TCommand>(IConfigurator<CommandSettings> config, string branch, string name)
        where TCommand : class, ICommandLimiter<CommandSettings>
    {
        Record($"{branch} {name}", typeof(TCommand));
        return config.AddCommand<TCommand>(name);
    }

    /// <summary>One line explaining why <paramref name="args"/> do not parse, or null when no unknown token is found.</summary>
    public string? Explain(IReadOnlyList<string> args)
    {
        if (args.Count == 0) return null;
        var path = MatchPath(args);
        if (path is null) return ExplainUnknownCommand(args);
        var settingsType = _settings[path];
        var options = OptionProperties(settingsType).ToList();
        var arguments = settingsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<CommandArgumentAttribute>() is not null).ToList();
        var takesMany = arguments.Any(p => p.PropertyType.IsArray);
        var positional = 0;
        var command = "combigrad " + path;
        for (var i = path.Count(c => c == ' ') + 1; i < args.Count; i++)
        {
            var token = args[i];
            if (token == "--") break;
            if (token.StartsWith('-') && !double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                var equals = token.IndexOf('=');
                var flag = equals > 0 ? token[..equals] : token;
                if (flag is "-h" or "--help" or "-?") continue;
                var next = equals > 0 ? token[(equals + 1)..] : i + 1 < args.Count && !args[i + 1].StartsWith('-') ? args[i + 1] : null;
                var option = options.FirstOrDefault(o => Names(o.Attribute).Contains(flag));
                if (option.Property is null)
                    return $"unknown option '{flag}' for '{command}'; {FlagSuggestions.For(flag, next, settingsType)}";
                if (option.Attribute.ValueName is null || option.Attribute.ValueIsOptional) continue;
                if (next is null) return $"option '{flag}' of '{command}' needs a value ({option.Attribute.ValueName}).";
                if (Invalid(option.Property.PropertyType, next) is { } expected)
                    return $"option '{flag}' of '{command}' expects {expected}, not '{next}'.";
                if (equals < 0) i++;
            }
            else if (++positional > arguments.Count && !takesMany)
            {
                var takes = arguments.Count == 0 ? "it takes no arguments" : $"it takes {string.Join(", ", arguments.Select(a => a.GetCustomAttribute<CommandArgumentAttribute>()!.ValueName))}";
                return $"unexpected argument '{token}' for '{command}' ({takes}; see '{command} --help').";
            }
        }
        return null;
    }

    private string? MatchPath(IReadOnlyList<string> args)
    {
        if (args.Count >= 2 && _settings.ContainsKey($"{args[0]} {args[1]}")) return $"{args[0]} {args[1]}";
        return _settings.ContainsKey(args[0]) ? args[0] : null;
    }

    private string? ExplainUnknownCommand(IReadOnlyList<string> args)
    {
        var first = args[0];
        var topLevel = _settings.Keys.Select(p => p.Split(' ')[0]).Distinct().ToList();
        if (first.StartsWith('-'))
            return first is "-h" or "--help" or "-v" or "--version" ? null
                : $"unknown option '{first}' before the command; give a command first ({string.Join(", ", topLevel)}), e.g. 'combigrad run --help'.";
        if (topLevel.Contains(first))
        {
            var branch = _settings.Keys.Where(p => p.StartsWith(first + " ", StringComparison.Ordinal)).Select(p => p[(first.Length + 1)..]).ToList();
            if (args.Count < 2) return null;
            if (args[1].StartsWith('-'))
                return args[1] is "-h" or "--help" ? null
                    : $"unknown option '{args[1]}' for 'combigrad {first}'; give one of its commands first ({string.Join(", ", branch)}).";
            var closestInBranch = FlagSuggestions.Closest(args[1], branch);
            return $"unknown command '{first} {args[1]}'; " + (closestInBranch is null
                ? $"'{first}' has: {string.Join(", ", branch)}."
                : $"did you mean '{first} {closestInBranch}'?");
        }
        var closest = FlagSuggestions.Closest(first, topLevel);
        return $"unknown command '{first}'; " + (closest is null ? $"commands: {string.Join(", ", topLevel)}." : $"did you mean '{closest}'?");
    }

    /// <summary>What a value of <paramref name="type"/> must look like, when <paramref name="text"/> does not convert.</summary>
    private static string? Invalid(Type type, string text)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target.IsArray) target = target.GetElementType()!;
        var expected = Type.GetTypeCode(target) switch
        {
            TypeCode.Int32 or TypeCode.Int64 => "an integer",
            TypeCode.Double or TypeCode.Single => "a number",
            _ => null,
        };
        if (expected is null) return null;
        try
        {
            TypeDescriptor.GetConverter(target).ConvertFromInvariantString(text);
            return null;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or OverflowException)
        {
            return expected;
        }
    }

    private static IEnumerable<string> Names(CommandOptionAttribute option) =>
        option.LongNames.Select(n => "--" + n).Concat(option.ShortNames.Select(n => "-" + n));

    private static IEnumerable<(PropertyInfo Property, CommandOptionAttribute Attribute)> OptionProperties(Type settingsType) =>
        settingsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<CommandOptionAttribute>()!))
            .Where(p => p.Attribute is not null);

    private void Record(string path, Type commandType)
    {
        for (var type = commandType; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericArguments() is [var settings] && typeof(CommandSettings).IsAssignableFrom(settings))
            {
                _settings.Add(path, settings);
                return;
            }
        }
        throw new InvalidOperationException($"{commandType.Name} is not a Command<TSettings>.");
    }
}
