using Biobank.Server.Agreements;
using Biobank.Server.Consents;
using Biobank.Server.Equipment;
using Biobank.Server.Hosting;
using Biobank.Server.Reservations;
using Biobank.Server.Samples;
using Biobank.Server.StorageUnits;
using Biobank.Server.Transfers;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.OpenTelemetry;
using Marten;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Weasel.Core;

namespace Biobank.Server.EventStore;

/// <summary>The Marten event store and document database every slice writes to.</summary>
public static class BiobankStore
{
    public const string ConnectionStringName = "Biobank";
    public const string SchemaName = "biobank";

    /// <summary>Registers the one PostgreSQL data source and the Marten store on top of it.</summary>
    public static IServiceCollection AddBiobankStore(this IServiceCollection services, string connectionString, BiobankServerOptions options)
    {
        services.TryAddSingleton(_ => DataSource(connectionString));

        var marten = services.AddMarten(store =>
            {
                store.DatabaseSchemaName = SchemaName;
                store.Events.DatabaseSchemaName = SchemaName;
                store.UseSystemTextJsonForSerialization(EnumStorage.AsString);

                // Stream keys are resource names ("equipment/{id}", "reservations/{id}"): ids are
                // strings that callers may choose, and one key space holds every stream kind.
                store.Events.StreamIdentity = StreamIdentity.AsString;

                // Quick append lets PostgreSQL assign sequence numbers without a round trip per
                // stream; the write path already knows each stream's version from FetchForWriting.
                store.Events.AppendMode = EventAppendMode.Quick;

                // Who, for which organisation, why and as part of which call: user name is the
                // caller's `sub`, headers carry organisation, roles and request id. EnableAll leaves
                // the user name column out, so it is switched on by itself.
                store.Events.MetadataConfig.EnableAll();
                store.Events.MetadataConfig.UserNameEnabled = true;

                store.OpenTelemetry.TrackConnections = TrackLevel.Normal;
                store.OpenTelemetry.TrackEventCounters();

                store.ConfigureEquipment();
                store.ConfigureReservations();
                store.ConfigureStorageUnits();
                store.ConfigureSamples();
                store.ConfigureConsents();
                store.ConfigureAgreements();
                store.ConfigureTransfers();
                ChangeFeed.AddTo(store, ReservationStore.Feed, TransferStore.Feed);

                // The async daemon keeps the feeds read by watchers (it runs on one node at a time,
                // taking over when that node stops) and judges how far the event sequence is settled.
                store.Projections.LeadershipPollingTime = 1000;

                // Production roles may not change the schema; then --apply-schema-only does it.
                store.AutoCreateSchemaObjects = options.ApplySchemaOnStartup ? AutoCreate.CreateOrUpdate : AutoCreate.None;
            })
            .AddAsyncDaemon(DaemonMode.HotCold)
            .UseNpgsqlDataSource()
            .UseLightweightSessions()
            .BuildSessionsWith<AuditedSessionFactory>(ServiceLifetime.Scoped);

        services.AddSingleton<SchemaMigrations>();
        services.AddSingleton<ProjectionRebuild>();
        if (options.ApplySchemaOnStartup)
        {
            // Marten's tables first, then the migrations: started in this order, before the server listens.
            marten.ApplyAllDatabaseChangesOnStartup();
            services.AddHostedService<SchemaMigrator>();
        }

        services.AddScoped<CallContext>();
        services.AddScoped<EventWriter>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>
    /// The pool every connection comes from. Every call runs the same few statements, so unless the
    /// connection string sets Max Auto Prepare, each connection prepares the ones it runs twice: they are
    /// then neither parsed nor planned again. A connection handed back keeps its prepared statements.
    /// </summary>
    private static NpgsqlDataSource DataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }

        return builder.Build();
    }

    /// <summary>Creates or migrates every table, function and sequence the store needs, then returns.</summary>
    public static async Task ApplySchemaAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IDocumentStore>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync(AutoCreate.CreateOrUpdate);
        await store.Storage.Database.AssertDatabaseMatchesConfigurationAsync(cancellationToken);
        await services.GetRequiredService<SchemaMigrations>().ApplyAsync(cancellationToken);
    }

    /// <summary>Applies the schema migrations as the server starts.</summary>
    private sealed class SchemaMigrator(SchemaMigrations migrations) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => migrations.ApplyAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
