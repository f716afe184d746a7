using System.Security.Cryptography;
using Biobank.Domain.Failures;
using Google.Protobuf;
using Marten;
using Npgsql;

namespace Biobank.Server.Storage;

/// <summary>
/// The responses of applied mutations by request id, stored in the same transaction as their events
/// so a retried request is answered again, unchanged, and applied at most once, even across restarts.
/// </summary>
public static class RequestLog
{
    public const string Table = "request_log";

    public static SqlSchemaObject Schema { get; } = new(BiobankStore.SchemaName, Table, revision: 1, $"""
        create table if not exists {BiobankStore.SchemaName}.{Table} (
            request_id text primary key,
            organisation text not null,
            method text not null,
            request_hash bytea not null,
            response bytea not null,
            recorded_at timestamptz not null default now()
        );
        """);

    /// <summary>A mutation's identity: who sent which request to which method.</summary>
    public sealed record Entry(string RequestId, string Organisation, string Method, byte[] RequestHash)
    {
        public static Entry For(string requestId, string organisation, string method, IMessage request) =>
            new(requestId, organisation, method, SHA256.HashData(request.ToByteArray()));
    }

    /// <summary>
    /// The response stored for the entry's request id, null if none; REQUEST_ID_REUSED if it was
    /// used for another request.
    /// </summary>
    public static async Task<TResponse?> FindAsync<TResponse>(NpgsqlDataSource dataSource, Entry entry, CancellationToken cancellationToken)
        where TResponse : class, IMessage<TResponse>, new()
    {
        await using var command = dataSource.CreateCommand(
            $"select organisation, method, request_hash, response from {BiobankStore.SchemaName}.{Table} where request_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = entry.RequestId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var sameRequest = reader.GetString(0) == entry.Organisation
            && reader.GetString(1) == entry.Method
            && reader.GetFieldValue<byte[]>(2).AsSpan().SequenceEqual(entry.RequestHash);
        if (!sameRequest)
        {
            throw new InvalidRequestException(
                [new FieldViolation("request_id", "was already used for a different request")],
                ErrorReasons.RequestIdReused,
                new Dictionary<string, string> { ["request_id"] = entry.RequestId });
        }

        var response = new TResponse();
        response.MergeFrom(reader.GetFieldValue<byte[]>(3));
        return response;
    }

    /// <summary>Queues the response to be stored with the session's events.</summary>
    public static void Record(IDocumentSession session, Entry entry, IMessage response) =>
        session.QueueSqlCommand(
            $"insert into {BiobankStore.SchemaName}.{Table} (request_id, organisation, method, request_hash, response) values (?, ?, ?, ?, ?)",
            entry.RequestId, entry.Organisation, entry.Method, entry.RequestHash, response.ToByteArray());

    /// <summary>Whether <paramref name="exception"/> is this log's key being taken by a concurrent twin request.</summary>
    public static bool IsDuplicate(Exception exception) =>
        exception.FindPostgresError() is { SqlState: PostgresErrorCodes.UniqueViolation, TableName: Table };
}
