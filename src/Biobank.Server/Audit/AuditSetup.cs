namespace Biobank.Server.Audit;

public static class AuditSetup
{
    /// <summary>The auditors' reads: raw event rows through the data source, time travel through Marten's session.</summary>
    public static IServiceCollection AddBiobankAudit(this IServiceCollection services) => services
        .AddSingleton<EventReplay>()
        .AddSingleton<AuditLog>()
        .AddSingleton<IntegrityVerifier>()
        .AddScoped<ResourceTimeTravel>();
}
