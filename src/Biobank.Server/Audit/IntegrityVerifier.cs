using Npgsql;
using V1 = Biobank.V1;

namespace Biobank.Server.Audit;

/// <summary>
/// Checks the per-stream hash chain of <c>0010_event_chain.sql</c>: each event's content against
/// the hash recorded when it was stored (the database recomputes it), each recorded hash against
/// the one before it in the stream, and the stream's versions for holes. An edited event is
/// reported by itself: the hashes after it still follow from the recorded ones.
/// </summary>
public sealed class IntegrityVerifier(NpgsqlDataSource dataSource)
{
    /// <summary>At most this many broken links are reported, so the answer fits in one message.</summary>
    public const int MaxReported = 1000;

    /// <summary>What a verification covers: one stream or every one, and a range of positions (0: unbounded).</summary>
    public sealed record Scope(string? Stream, long FromPosition, long ToPosition)
    {
        public bool Ranged => FromPosition > 0 || ToPosition > 0;
    }

    public async Task<V1.VerifyIntegrityResponse> VerifyAsync(Scope scope, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand();
        var conditions = new List<string> { $"coalesce(e.stream_id, c.stream_id) <> '{AuditEvents.TombstoneStream}'" };
        if (scope.Stream is { } stream)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = stream });
            conditions.Add($"coalesce(e.stream_id, c.stream_id) = ${command.Parameters.Count}");
        }

        if (scope.FromPosition > 0)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = scope.FromPosition });
            conditions.Add($"coalesce(e.seq_id, c.seq_id) >= ${command.Parameters.Count}");
        }

        if (scope.ToPosition > 0)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = scope.ToPosition });
            conditions.Add($"coalesce(e.seq_id, c.seq_id) <= ${command.Parameters.Count}");
        }

        command.CommandText = $"""
            select coalesce(e.seq_id, c.seq_id), coalesce(e.stream_id, c.stream_id), coalesce(e.version, c.version),
                   e.seq_id is not null, c.seq_id is not null, c.previous_hash, c.hash,
                   e.seq_id is not null and c.seq_id is not null
                       and sha256(coalesce(c.previous_hash, ''::bytea) || biobank.event_content(e)) = c.hash,
                   coalesce(s.version, 0)
            from biobank.mt_events e
            full join biobank.event_chain c on c.seq_id = e.seq_id
            left join biobank.mt_streams s on s.id = coalesce(e.stream_id, c.stream_id)
            where {string.Join(" and ", conditions)}
            order by 2, 3, 1
            """;

        var response = new V1.VerifyIntegrityResponse();
        var walk = new StreamWalk(scope, response);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            walk.Visit(new Row(
                reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetBoolean(3), reader.GetBoolean(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<byte[]>(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<byte[]>(6),
                reader.GetBoolean(7), reader.GetInt64(8)));
        }

        walk.EndStream();
        return response;
    }

    /// <summary>One event or recorded hash, by position, with what the database found of it.</summary>
    private sealed record Row(
        long Position, string Stream, long Version, bool Stored, bool Chained, byte[]? PreviousHash, byte[]? Hash, bool ContentMatches,
        long StreamVersion);

    /// <summary>Walks the rows in order of stream and version, remembering the link before each.</summary>
    private sealed class StreamWalk(Scope scope, V1.VerifyIntegrityResponse response)
    {
        private Row? _previous;

        public void Visit(Row row)
        {
            if (_previous?.Stream != row.Stream)
            {
                EndStream();
                response.StreamsChecked++;
                if (!scope.Ranged)
                {
                    Missing(row.Stream, 1, row.Version - 1);
                }
            }
            else
            {
                Missing(row.Stream, _previous.Version + 1, row.Version - 1);
            }

            if (row.Stored)
            {
                response.EventsChecked++;
            }

            if (!row.Stored)
            {
                Report(row, V1.IntegrityProblem.EventMissing, "the event is gone; its hash is still recorded");
            }
            else if (!row.Chained)
            {
                Report(row, V1.IntegrityProblem.HashMissing, "the event has no recorded hash");
            }
            else if (!row.ContentMatches)
            {
                Report(row, V1.IntegrityProblem.ContentChanged, "the event's content or envelope does not match its recorded hash");
            }

            // The first row of a range follows an event outside it; a hole or a missing hash already
            // said what broke before this row.
            var sameStream = _previous?.Stream == row.Stream;
            var linkKnown = sameStream ? _previous!.Version == row.Version - 1 && _previous.Chained : !scope.Ranged && row.Version == 1;
            var expected = sameStream ? _previous!.Hash : null;
            if (row.Chained && linkKnown && !(expected ?? []).AsSpan().SequenceEqual(row.PreviousHash ?? []))
            {
                Report(row, V1.IntegrityProblem.ChainBroken, "the recorded previous hash is not the hash of the event before it");
            }

            _previous = row;
        }

        /// <summary>Ends the stream walked so far: versions after its last row that the stream counts are missing.</summary>
        public void EndStream()
        {
            if (_previous is { } last && scope.ToPosition == 0)
            {
                Missing(last.Stream, last.Version + 1, last.StreamVersion);
            }

            _previous = null;
        }

        private void Missing(string stream, long from, long to)
        {
            for (var version = from; version <= to; version++)
            {
                Add(new V1.BrokenLink
                {
                    Stream = stream, Version = version, Problem = V1.IntegrityProblem.EventMissing,
                    Description = "the stream's version has neither its event nor its hash",
                });
            }
        }

        private void Report(Row row, V1.IntegrityProblem problem, string description) =>
            Add(new V1.BrokenLink { Stream = row.Stream, Version = row.Version, Position = row.Position, Problem = problem, Description = description });

        private void Add(V1.BrokenLink link)
        {
            if (response.BrokenLinks.Count < MaxReported)
            {
                response.BrokenLinks.Add(link);
            }
        }
    }
}
