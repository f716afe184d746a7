using System.CommandLine;
using Biobank.Cli.CommandLine;

namespace Biobank.Cli.Samples;

public static class SampleCommands
{
    public static Command Build(CommandTree cli) => CommandTree.Group("samples", "todo");
}
