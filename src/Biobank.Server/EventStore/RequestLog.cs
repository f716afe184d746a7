using System.Security.Cryptography;
using Biobank.Domain.Failures;
using Google.Protobuf;
using Marten;
using Npgsql;

namespace Biobank.Server.EventStore;

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
    public static async Task<TResponse?> FindAsync<TResponse>(NpgsqlConnection connection, Entry entry, CancellationToken cancellationToken)
        where TResponse : class, IMessage<TResponse>, new()
    {
        await using var command = new NpgsqlCommand(FindSql, connection);
        return await FindAsync<TResponse>(command, entry, cancellationToken);
    }

    /// <summary>As the other overload, on a connection of its own.</summary>
    public static async Task<TResponse?> FindAsync<TResponse>(NpgsqlDataSource dataSource, Entry entry, CancellationToken cancellationToken)
        where TResponse : class, IMessage<TResponse>, new()
    {
        await using var command = dataSource.CreateCommand(FindSql);
        return await FindAsync<TResponse>(command, entry, cancellationToken);
    }

    private const string FindSql =
        $"select method, request_hash, response from {BiobankStore.SchemaName}.{Table} where organisation = $1 and subject = $2 and request_id = $3";

    private static async Task<TResponse?> FindAsync<TResponse>(NpgsqlCommand command, Entry entry, CancellationToken cancellationToken)
        where TResponse : class, IMessage<TResponse>, new()
    {
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
                new Dictionary<string, object> { ["request_id"] = entry.RequestId });
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
        exception.FindPostgresError() is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: CallerRequestKey };

    /// <summary>The key that keeps one response per caller and request id (migration 0001).</summary>
    public const string CallerRequestKey = "request_log_caller_request";
}
