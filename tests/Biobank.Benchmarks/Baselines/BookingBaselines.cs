using System.Diagnostics;
using Npgsql;

namespace Biobank.Benchmarks.Baselines;

/// <summary>
/// What a booking costs without Biobank, measured on the same PostgreSQL as the scenarios and with
/// as many connections as they have clients (the scripts of shared/perf, run through Npgsql):
/// plain SQL, one autocommit insert into a table guarded by the same kind of exclusion constraint;
/// and the honest minimum of an event-sourced, idempotent booking, a request-log insert, the guarded
/// reservation insert and a jsonb event of about 530 bytes, in one transaction.
/// </summary>
public sealed class BookingBaselines(string connectionString, BenchmarkOptions options)
{
    /// <summary>The tables live in a schema of their own, beside the server's.</summary>
    public const string Schema = "booking_baseline";

    /// <summary>How many instruments the baseline bookings spread over, as in shared/perf.</summary>
    public const int Instruments = 1000;

    private const string SchemaSql = $"""
        create extension if not exists btree_gist;
        drop schema if exists {Schema} cascade;
        create schema {Schema};
        create sequence {Schema}.slot_seq;
        create table {Schema}.reservations(
          id bigserial primary key,
          instrument int not null,
          during tstzrange not null,
          org text not null,
          booked_by text not null,
          purpose text not null,
          exclude using gist (instrument with =, during with &&));
        create table {Schema}.request_log(
          request_id uuid primary key,
          caller text not null,
          response jsonb not null,
          created_at timestamptz not null default now());
        create table {Schema}.events(
          seq_id bigserial primary key,
          stream_id uuid not null,
          version int not null,
          type text not null,
          data jsonb not null,
          "timestamp" timestamptz not null default now(),
          unique (stream_id, version));
        """;

    private const string PlainSql = $"""
        insert into {Schema}.reservations(instrument, during, org, booked_by, purpose)
        select $1, tstzrange(t, t + interval '30 minutes'), 'inserm', 'alice', 'Imaging of Listeria-infected organoids'
        from (select timestamptz '2030-01-01 00:00+00' + nextval('{Schema}.slot_seq') * interval '30 minutes' as t) s
        returning id
        """;

    private const string RequestLogSql = $$"""
        insert into {{Schema}}.request_log(request_id, caller, response) values (gen_random_uuid(), 'alice@inserm', '{"state":"CONFIRMED"}')
        """;

    private const string EventSql = $$"""
        insert into {{Schema}}.events(stream_id, version, type, data)
        select gen_random_uuid(), 1, 'reservation_requested', jsonb_build_object(
          'reservation', 'reservations/' || currval('{{Schema}}.reservations_id_seq'),
          'equipment', 'equipment/inst-' || $1,
          'start', timestamptz '2030-01-01 00:00+00' + currval('{{Schema}}.slot_seq') * interval '30 minutes',
          'end', timestamptz '2030-01-01 00:30+00' + currval('{{Schema}}.slot_seq') * interval '30 minutes',
          'organisation', 'inserm', 'booked_by', 'alice', 'state', 'Confirmed',
          'purpose', 'Imaging of Listeria-infected organoids',
          'project', 'LISTERIA-ORG', 'request_id', gen_random_uuid(),
          'correlation_id', '4bf92f3577b34da6a3ce929d0e0e4736', 'causation_id', '00f067aa0ba902b7',
          'buffer_before_s', 0, 'buffer_after_s', 900, 'rules_version', 7, 'approval_required', false)
        """;

    /// <summary>Creates the baseline's tables, dropping those of an earlier run.</summary>
    public async Task CreateSchemaAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(SchemaSql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Plain SQL: one autocommit insert per booking.</summary>
    public Task<BookingRun> PlainAsync(int connections, int perConnection, CancellationToken cancellationToken) =>
        RunAsync(connections, perConnection, async (connection, instrument, token) =>
        {
            await using var command = new NpgsqlCommand(PlainSql, connection) { Parameters = { new() { Value = instrument } } };
            await command.ExecuteScalarAsync(token);
        }, cancellationToken);

    /// <summary>The honest minimum, each booking on a connection of its own.</summary>
    public Task<BookingRun> HonestAsync(int connections, int perConnection, CancellationToken cancellationToken) =>
        RunAsync(connections, perConnection, (connection, instrument, token) => BookHonestlyAsync(connection, instrument, token), cancellationToken);

    /// <summary>
    /// The honest minimum's transaction: its three inserts in one round trip (Npgsql sends BEGIN with
    /// them), then COMMIT. Returns the reservation row's id.
    /// </summary>
    public static async Task<long> BookHonestlyAsync(NpgsqlConnection connection, int instrument, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(RequestLogSql),
                new NpgsqlBatchCommand(PlainSql) { Parameters = { new() { Value = instrument } } },
                new NpgsqlBatchCommand(EventSql) { Parameters = { new() { Value = instrument } } },
            },
        };
        long reservation = 0;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            await reader.NextResultAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                reservation = reader.GetInt64(0);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return reservation;
    }

    /// <summary>
    /// Each of <paramref name="connections"/> workers books in turn on a connection of its own, all
    /// starting together, until its count is reached or the scenario budget is spent.
    /// </summary>
    private async Task<BookingRun> RunAsync(
        int connections, int perConnection, Func<NpgsqlConnection, int, CancellationToken, Task> book, CancellationToken cancellationToken)
    {
        var opened = new List<NpgsqlConnection>();
        try
        {
            for (var c = 0; c < connections; c++)
            {
                var connection = new NpgsqlConnection(connectionString);
                opened.Add(connection);
                await connection.OpenAsync(cancellationToken);
            }

            return await BookingRun.AllTogetherAsync(
                opened, perConnection, options.ScenarioBudget,
                (connection, c, j) => () => book(connection, 1 + (((j * connections) + c) % Instruments), cancellationToken),
                cancellationToken);
        }
        finally
        {
            foreach (var connection in opened)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
