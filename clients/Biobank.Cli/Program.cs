using Biobank.Cli.CommandLine;

return await BiobankCli.RunAsync(args, CliEnvironment.FromProcess());
