using Biobank.Server.Hosting;

return await ServerCommands.RunAsync(args);
