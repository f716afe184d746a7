namespace Biobank.Server.Audit;

public static class AuditSetup
{
    /// <summary>
    /// The auditors' reads: raw event rows through the data source, time travel through Marten's
    /// session, checkpoints signed with the key in <paramref name="dataDirectory"/>.
    /// </summary>
    public static IServiceCollection AddBiobankAudit(this IServiceCollection services, string dataDirectory) => services
        .AddSingleton(provider => IntegrityCheckpoints.For(provider.GetRequiredService<Npgsql.NpgsqlDataSource>(), dataDirectory))
        .AddSingleton<EventReplay>()
        .AddSingleton<AuditLog>()
        .AddSingleton<IntegrityVerifier>()
        .AddScoped<ResourceTimeTravel>();
}
