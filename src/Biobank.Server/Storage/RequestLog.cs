using System.Security.Cryptography;
using Biobank.Domain.Failures;
using Google.Protobuf;
using Marten;
using Npgsql;

namespace Biobank.Server.Storage;

/// <summary>
/// The responses of applied mutations by request id, stored in the same transaction as their events
/// so a retried request is answered again, unchanged, and applied at most once, even across restarts.
/// A request id belongs to the caller who sent it (subject and organisation): another caller sending
/// the same id is a new request of their own, decided on their own rights, and learns nothing of
/// the first.
/// </summary>
public static class RequestLog
{
    public const string Table = "request_log";

    public static SqlSchemaObject Schema { get; } = new(BiobankStore.SchemaName, Table, revision: 2, $"""
        create table if not exists {BiobankStore.SchemaName}.{Table} (
            request_id text not null,
            organisation text not null,
            method text not null,
            request_hash bytea not null,
            response bytea not null,
            recorded_at timestamptz not null default now()
        );
        alter table {BiobankStore.SchemaName}.{Table} add column if not exists subject text not null default '';
        alter table {BiobankStore.SchemaName}.{Table} drop constraint if exists {Table}_pkey;
        alter table {BiobankStore.SchemaName}.{Table} drop constraint if exists {Table}_caller_request;
        alter table {BiobankStore.SchemaName}.{Table}
            add constraint {Table}_caller_request primary key (organisation, subject, request_id);
        """);

    /// <summary>A mutation's identity: who sent which request to which method.</summary>
    public sealed record Entry(string RequestId, string Organisation, string Subject, string Method, byte[] RequestHash)
    {
        public static Entry For(string requestId, Domain.Access.Caller caller, string method, IMessage request) =>
            new(requestId, caller.Organisation, caller.Subject, method, SHA256.HashData(request.ToByteArray()));
    }

    /// <summary>
    /// The response stored for the caller's request id, null if none; REQUEST_ID_REUSED if the caller
    /// used it for another request.
    /// </summary>
    public static async Task<TResponse?> FindAsync<TResponse>(NpgsqlDataSource dataSource, Entry entry, CancellationToken cancellationToken)
        where TResponse : class, IMessage<TResponse>, new()
    {
        await using var command = dataSource.CreateCommand(
            $"select method, request_hash, response from {BiobankStore.SchemaName}.{Table} where organisation = $1 and subject = $2 and request_id = $3");
        command.Parameters.Add(new NpgsqlParameter { Value = entry.Organisation });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.Subject });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.RequestId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var sameRequest = reader.GetString(0) == entry.Method
            && reader.GetFieldValue<byte[]>(1).AsSpan().SequenceEqual(entry.RequestHash);
        if (!sameRequest)
        {
            throw new InvalidRequestException(
                [new FieldViolation("request_id", "was already used for a different request")],
                ErrorReasons.RequestIdReused,
                new Dictionary<string, string> { ["request_id"] = entry.RequestId });
        }

        var response = new TResponse();
        response.MergeFrom(reader.GetFieldValue<byte[]>(2));
        return response;
    }

    /// <summary>Queues the response to be stored with the session's events.</summary>
    public static void Record(IDocumentSession session, Entry entry, IMessage response) =>
        session.QueueSqlCommand(
            $"insert into {BiobankStore.SchemaName}.{Table} (request_id, organisation, subject, method, request_hash, response) values (?, ?, ?, ?, ?, ?)",
            entry.RequestId, entry.Organisation, entry.Subject, entry.Method, entry.RequestHash, response.ToByteArray());

    /// <summary>Whether <paramref name="exception"/> is this log's key being taken by a concurrent twin request.</summary>
    public static bool IsDuplicate(Exception exception) =>
        exception.FindPostgresError() is { SqlState: PostgresErrorCodes.UniqueViolation, TableName: Table };
}
