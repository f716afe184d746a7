using System.CommandLine;
using Biobank.Cli.CommandLine;

namespace Biobank.Cli.Consents;

public static class ConsentCommands
{
    public static Command Build(CommandTree cli) => CommandTree.Group("consent", "todo");
}
