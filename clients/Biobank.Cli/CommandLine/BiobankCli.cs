using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Biobank.Cli.CommandLine;

/// <summary>The <c>biobank</c> command's entry point, for the process and for tests alike.</summary>
public static class BiobankCli
{
    public const string Description = """
        The Biobank at the terminal: book shared instruments, find and handle samples, draw boxes,
        record consents, ship them and lend instruments. Start with: biobank login, then biobank equipment list.
        """;

    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellation = default)
    {
        var cli = new CommandTree(environment);
        var root = new RootCommand(Description);
        foreach (var option in cli.Globals.All)
        {
            root.Add(option);
        }

        foreach (var command in Commands(cli))
        {
            root.Add(command);
        }

        root.SetAction(parse => new HelpAction().Invoke(parse));

        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction errors)
        {
            errors.ShowHelp = false;
            errors.ShowTypoCorrections = true;
        }

        // A command line that does not parse prints nothing a script should read: its typo
        // corrections go to standard error with the errors.
        var configuration = new InvocationConfiguration
        {
            Output = parse.Errors.Count > 0 ? environment.Terminal.Error : environment.Terminal.Out,
            Error = environment.Terminal.Error,
        };
        var exitCode = await parse.InvokeAsync(configuration, cancellation);
        if (parse.Errors.Count > 0)
        {
            var command = string.Join(' ', parse.CommandResult.Command is RootCommand ? ["biobank"] : ["biobank", .. CommandPath(parse)]);
            await environment.Terminal.Error.WriteLineAsync($"Run '{command} --help' for usage.");
            return ExitCodes.Usage;
        }

        return exitCode;
    }

    private static Stack<string> CommandPath(ParseResult parse)
    {
        var names = new Stack<string>();
        for (var result = parse.CommandResult; result.Command is not RootCommand; result = (System.CommandLine.Parsing.CommandResult)result.Parent!)
        {
            names.Push(result.Command.Name);
        }

        return names;
    }

    private static IEnumerable<Command> Commands(CommandTree cli) =>
    [
        .. Session.SessionCommands.Build(cli),
        Partners.DirectoryCommands.Sites(cli),
        Partners.DirectoryCommands.Organisations(cli),
        Equipment.EquipmentCommands.Build(cli),
        Reservations.BookCommand.Build(cli),
        Reservations.ReservationCommands.Build(cli),
        Reservations.UsageCommand.Build(cli),
        Samples.SampleCommands.Build(cli),
        StorageUnits.StorageCommands.Build(cli),
        Consents.ConsentCommands.Build(cli),
        Agreements.AgreementCommands.Build(cli),
        Transfers.TransferCommands.Build(cli),
        Audit.AuditCommands.Build(cli),
    ];
}
