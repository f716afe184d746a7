extern alias BiobankServer;

using BiobankServer::Biobank.Server.EventStore;
using BiobankServer::Biobank.Server.Hosting;
using Biobank.Server.Tests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using JasperFx;

namespace Biobank.Server.Tests.EventStore;

/// <summary>
/// The schema is migrated, not recreated: a database made by the release before migrations were
/// recorded is brought up to date with its data kept and its guards still guarding.
/// </summary>
public sealed class SchemaMigrationTests
{
    /// <summary>What the release before versioned migrations made of the tables the migrations now own, with some of its data.</summary>
    private const string PreviousRelease = """
        create schema if not exists biobank;
        create table if not exists biobank.request_log (
            request_id text primary key,
            organisation text not null,
            method text not null,
            request_hash bytea not null,
            response bytea not null,
            recorded_at timestamptz not null default now()
        );
        comment on table biobank.request_log is 'biobank schema revision 1';

        create extension if not exists btree_gist;
        create table if not exists biobank.equipment_calendar (
            entry_id text primary key,
            equipment_id text not null,
            kind text not null,
            slot tstzrange not null,
            buffer interval not null default interval '0',
            organisation text not null,
            constraint equipment_calendar_no_double_booking
                exclude using gist (equipment_id with =, slot with &&) where (kind = 'Reservation')
        );
        alter table biobank.equipment_calendar add column if not exists exclusive boolean not null default false;
        create index if not exists equipment_calendar_equipment_slot on biobank.equipment_calendar using gist (equipment_id, slot);
        create or replace function biobank.equipment_calendar_guard() returns trigger language plpgsql as $guard$
        begin
            if tg_op = 'UPDATE' and old.slot @> new.slot then
                return null;
            end if;
            perform pg_advisory_xact_lock(hashtextextended(new.equipment_id, 0));
            if new.kind = 'Reservation' and exists (
                select 1 from biobank.equipment_calendar other
                where other.equipment_id = new.equipment_id and other.kind <> 'Reservation' and other.slot && new.slot)
            then
                raise exception 'reservation % overlaps a maintenance or out-of-service period', new.entry_id using errcode = 'exclusion_violation';
            end if;
            return null;
        end
        $guard$;
        drop trigger if exists equipment_calendar_guard on biobank.equipment_calendar;
        create constraint trigger equipment_calendar_guard
            after insert or update of slot on biobank.equipment_calendar
            deferrable initially deferred
            for each row
            when (new.kind <> 'OutOfService')
            execute function biobank.equipment_calendar_guard();
        comment on table biobank.equipment_calendar is 'biobank schema revision 2';

        create table if not exists biobank.sample_barcodes (
            organisation text not null,
            barcode text not null,
            sample_id text not null,
            primary key (organisation, barcode)
        );
        create table if not exists biobank.sample_positions (
            storage_unit text not null,
            position text not null,
            sample_id text not null unique,
            primary key (storage_unit, position)
        );

        insert into biobank.request_log (request_id, organisation, method, request_hash, response)
            values ('0193a2b4-0000-7000-8000-000000000001', 'anses', '/biobank.v1.ReservationService/CreateReservation', '\x01', '\x02');
        insert into biobank.equipment_calendar (entry_id, equipment_id, kind, slot, organisation)
            values ('reservations/old-1', 'equipment/confocal-1', 'Reservation', '[2027-03-02 09:00Z, 2027-03-02 11:00Z)', 'anses'),
                   ('equipment/confocal-1/maintenance/m1', 'equipment/confocal-1', 'Maintenance', '[2027-03-03 08:00Z, 2027-03-03 12:00Z)', '');
        insert into biobank.sample_barcodes values ('anses', 'BC-0001', 'samples/s1');
        insert into biobank.sample_positions values ('storageUnits/box-1', 'A1', 'samples/s1');
        """;

    [Fact]
    public async Task A_database_of_the_release_before_migrations_is_brought_up_to_date_with_its_data_and_guards()
    {
        var connectionString = await DatabaseWithMartenTablesAsync("upgrade");
        await ExecuteAsync(connectionString, PreviousRelease);
        await ExecuteAsync(connectionString, """
            insert into biobank.mt_streams (id, version) values ('samples/s1', 2);
            insert into biobank.mt_events (seq_id, id, stream_id, version, data, type, mt_dotnet_type)
            values (nextval('biobank.mt_events_sequence'), gen_random_uuid(), 'samples/s1', 1, '{"Barcode": "BC-0001"}', 'sample_registered', 'SampleRegistered'),
                   (nextval('biobank.mt_events_sequence'), gen_random_uuid(), 'samples/s1', 2, '{"To": {"Position": "A1"}}', 'sample_moved', 'SampleMoved');
            """);

        await MigrationsOn(connectionString).ApplyAsync(CancellationToken.None);

        (await ScalarAsync(connectionString, $"select count(*) from {SchemaMigrations.Table}")).ShouldBe(SchemaMigrations.All.Count);
        (await ScalarAsync(connectionString, "select count(*) from biobank.request_log where subject = '' and organisation = 'anses'")).ShouldBe(1);
        (await ScalarAsync(connectionString, "select count(*) from biobank.equipment_calendar")).ShouldBe(2);
        (await ScalarAsync(connectionString, "select count(*) from biobank.sample_positions where sample_id = 'samples/s1'")).ShouldBe(1);
        (await ScalarAsync(connectionString, """
            select count(*) from biobank.event_chain c join biobank.event_chain p on p.hash = c.previous_hash
            where c.stream_id = 'samples/s1' and c.version = 2 and p.version = 1 and p.previous_hash is null
            """)).ShouldBe(1, "the events recorded before the chain are chained in order");

        // The same request id of another caller is a request of its own now.
        await ExecuteAsync(connectionString, """
            insert into biobank.request_log (request_id, organisation, subject, method, request_hash, response)
            values ('0193a2b4-0000-7000-8000-000000000001', 'inserm', 'bob', '/biobank.v1.ReservationService/CreateReservation', '\x01', '\x02')
            """);

        var overlap = await Should.ThrowAsync<PostgresException>(ExecuteAsync(connectionString, """
            insert into biobank.equipment_calendar (entry_id, equipment_id, kind, slot, organisation)
            values ('reservations/new-1', 'equipment/confocal-1', 'Reservation', '[2027-03-02 10:00Z, 2027-03-02 12:00Z)', 'inserm')
            """));
        overlap.ConstraintName.ShouldBe("equipment_calendar_no_double_booking");
        var duringMaintenance = await Should.ThrowAsync<PostgresException>(ExecuteAsync(connectionString, """
            insert into biobank.equipment_calendar (entry_id, equipment_id, kind, slot, organisation, recorded_at)
            values ('reservations/new-2', 'equipment/confocal-1', 'Reservation', '[2027-03-03 09:00Z, 2027-03-03 10:00Z)', 'inserm', now())
            """));
        duringMaintenance.ConstraintName.ShouldBe("equipment_calendar_maintenance");
        var sharedPosition = await Should.ThrowAsync<PostgresException>(ExecuteAsync(
            connectionString, "insert into biobank.sample_positions values ('storageUnits/box-1', 'A1', 'samples/s2')"));
        sharedPosition.ConstraintName.ShouldBe("sample_positions_pkey");
    }

    [Fact]
    public async Task Each_migration_is_applied_once_and_an_upgrade_from_any_earlier_one_reaches_the_same_schema()
    {
        var fresh = await DatabaseWithMartenTablesAsync("fresh");
        await MigrationsOn(fresh).ApplyAsync(CancellationToken.None);
        await MigrationsOn(fresh).ApplyAsync(CancellationToken.None);
        var expected = await SchemaOfAsync(fresh);

        foreach (var migration in SchemaMigrations.All.SkipLast(1))
        {
            var stepwise = await DatabaseWithMartenTablesAsync($"from{migration.Version}");
            await MigrationsOn(stepwise).ApplyAsync(CancellationToken.None, upTo: migration.Version);
            await MigrationsOn(stepwise).ApplyAsync(CancellationToken.None);

            (await SchemaOfAsync(stepwise)).ShouldBe(expected, $"upgrading from {migration.Version:0000}");
        }

        (await ScalarAsync(fresh, $"select count(*) from {SchemaMigrations.Table}")).ShouldBe(SchemaMigrations.All.Count);
    }

    [Fact]
    public async Task A_migration_changed_after_it_was_applied_stops_the_start()
    {
        var connectionString = await DatabaseWithMartenTablesAsync("changed");
        await MigrationsOn(connectionString).ApplyAsync(CancellationToken.None);
        await ExecuteAsync(connectionString, $"update {SchemaMigrations.Table} set checksum = 'edited' where version = 1");

        var refused = await Should.ThrowAsync<InvalidOperationException>(MigrationsOn(connectionString).ApplyAsync(CancellationToken.None));

        refused.Message.ShouldContain("0001");
    }

    /// <summary>
    /// A database with Marten's own tables, which the server creates before it applies the
    /// migrations (0010 chains the events of Marten's table).
    /// </summary>
    private static async Task<string> DatabaseWithMartenTablesAsync(string purpose)
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync(purpose);
        var dataDirectory = Directory.CreateTempSubdirectory("biobank-migrations-");
        await using (var app = BiobankApplication.Build([], connectionString, builder =>
        {
            builder.Configuration["Biobank:DataDirectory"] = dataDirectory.FullName;
            builder.Configuration["Biobank:ApplySchemaOnStartup"] = "false";
        }))
        {
            await app.Services.GetRequiredService<IDocumentStore>().Storage.ApplyAllConfiguredChangesToDatabaseAsync(AutoCreate.CreateOrUpdate);
        }

        dataDirectory.Delete(recursive: true);
        return connectionString;
    }

    private static SchemaMigrations MigrationsOn(string connectionString) =>
        new(NpgsqlDataSource.Create(connectionString), NullLogger<SchemaMigrations>.Instance);

    /// <summary>
    /// The tables, columns, constraints, indexes and triggers of the biobank schema, as text to
    /// compare. The columns of Marten's own tables are Marten's (the default of mt_events.timestamp
    /// is the time the table was made), their triggers the migrations'.
    /// </summary>
    private static async Task<string> SchemaOfAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select string_agg(line, E'\n' order by line) from (
                select format('column %s.%s %s %s %s', table_name, column_name, data_type, is_nullable, column_default) as line
                from information_schema.columns where table_schema = 'biobank' and table_name not like 'mt\_%'
                union all
                select format('constraint %s %s', conname, pg_get_constraintdef(oid)) from pg_constraint where connamespace = 'biobank'::regnamespace
                union all
                select format('index %s', indexdef) from pg_indexes where schemaname = 'biobank'
                union all
                select format('trigger %s %s', tgname, pg_get_triggerdef(t.oid)) from pg_trigger t
                join pg_class c on c.oid = t.tgrelid where c.relnamespace = 'biobank'::regnamespace and not t.tgisinternal
                union all
                select format('function %s %s', proname, md5(prosrc)) from pg_proc where pronamespace = 'biobank'::regnamespace
            ) schema
            """, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
