using System.CommandLine;
using Biobank.Cli.CommandLine;

namespace Biobank.Cli.StorageUnits;

public static class StorageCommands
{
    public static Command Build(CommandTree cli) => CommandTree.Group("storage", "todo");
}
