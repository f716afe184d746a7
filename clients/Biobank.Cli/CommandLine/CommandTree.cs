using System.CommandLine;
using System.CommandLine.Help;
using Biobank.Cli.Output;
using Biobank.Cli.Values;
using Grpc.Core;

namespace Biobank.Cli.CommandLine;

/// <summary>
/// Builds the command tree: groups that show their help, and leaf commands that run through one
/// <see cref="Invocation"/> and end with one of the <see cref="ExitCodes"/>.
/// </summary>
public sealed class CommandTree(CliEnvironment environment)
{
    public GlobalOptions Globals { get; } = new();

    public CliEnvironment Environment { get; } = environment;

    /// <summary>A group of commands; run alone, it shows what it holds.</summary>
    public static Command Group(string name, string description, params Command[] commands)
    {
        var group = new Command(name, description);
        foreach (var command in commands)
        {
            group.Add(command);
        }

        group.SetAction(parse => new HelpAction().Invoke(parse));
        return group;
    }

    /// <summary>A command that does one thing.</summary>
    public Command Leaf(string name, string description, Symbol[] symbols, Func<Invocation, Task> run, params string[] aliases)
    {
        var command = new Command(name, description);
        foreach (var alias in aliases)
        {
            command.Aliases.Add(alias);
        }

        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument argument: command.Add(argument); break;
                case Option option: command.Add(option); break;
                default: throw new ArgumentException($"Unexpected symbol {symbol}.", nameof(symbols));
            }
        }

        command.SetAction(async (parse, cancellation) =>
        {
            using var invocation = new Invocation(parse, Environment, Globals, cancellation);
            try
            {
                await run(invocation);
                return ExitCodes.Done;
            }
            catch (RpcException e) when (!cancellation.IsCancellationRequested)
            {
                return Fail(ErrorReport.From(e, invocation));
            }
            catch (CommandException failure)
            {
                return Fail(failure);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                return ExitCodes.Done;
            }
            catch (RpcException) when (cancellation.IsCancellationRequested)
            {
                return ExitCodes.Done;
            }
        });
        return command;
    }

    private int Fail(CommandException failure)
    {
        var error = Environment.Terminal.Error;
        error.WriteLine($"{Tones.Paint("error:", Tone.Bad, Environment.Terminal.ErrorColours)} {failure.Message}");
        foreach (var line in failure.Advice)
        {
            error.WriteLine(line);
        }

        return failure.ExitCode;
    }

    public static Argument<string> Argument(string name, string description) => new(name) { Description = description };

    public static Argument<string?> OptionalArgument(string name, string description) =>
        new(name) { Description = description, Arity = ArgumentArity.ZeroOrOne };

    public static Option<string> Required(string name, string description, string helpName, params string[] aliases) =>
        new(name, aliases) { Description = description, Required = true, HelpName = helpName };

    public static Option<string?> Optional(string name, string description, string helpName, params string[] aliases) =>
        new(name, aliases) { Description = description, HelpName = helpName };

    public static Option<bool> Flag(string name, string description, params string[] aliases) =>
        new(name, aliases) { Description = description };

    /// <summary>An option whose value is one of the contract's enum values, as a word of the bench.</summary>
    public static Option<TEnum?> Word<TEnum>(string name, string description, bool required = false) where TEnum : struct, Enum
    {
        var option = new Option<TEnum?>(name)
        {
            Description = $"{description} ({string.Join(", ", Words.All<TEnum>())})",
            HelpName = "word",
            Required = required,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (Words.TryParse<TEnum>(text, out var value))
                {
                    return value;
                }

                result.AddError($"'{text}' is not one of: {string.Join(", ", Words.All<TEnum>())}.");
                return null;
            },
        };
        option.CompletionSources.Add(Words.All<TEnum>().ToArray());
        return option;
    }

    /// <summary>An option given once per value, each one of the contract's enum values as a word of the bench.</summary>
    public static Option<TEnum[]> RepeatedWord<TEnum>(string name, string description, bool required = false) where TEnum : struct, Enum
    {
        var option = new Option<TEnum[]>(name)
        {
            Description = $"{description}; repeat for several ({string.Join(", ", Words.All<TEnum>())})",
            HelpName = "word",
            Required = required,
            DefaultValueFactory = _ => [],
            CustomParser = result =>
            {
                var values = new List<TEnum>();
                foreach (var token in result.Tokens)
                {
                    if (Words.TryParse<TEnum>(token.Value, out var value))
                    {
                        values.Add(value);
                    }
                    else
                    {
                        result.AddError($"'{token.Value}' is not one of: {string.Join(", ", Words.All<TEnum>())}.");
                    }
                }

                return [.. values];
            },
        };
        option.CompletionSources.Add(Words.All<TEnum>().ToArray());
        return option;
    }

    /// <summary>An option given once per value.</summary>
    public static Option<string[]> Repeated(string name, string description, string helpName) =>
        new(name) { Description = $"{description}; repeat for several", HelpName = helpName, DefaultValueFactory = _ => [] };
}
