using System.Globalization;
using Biobank.Domain;
using Biobank.Server.Api;
using Npgsql;
using V1 = Biobank.V1;

namespace Biobank.Server.Audit;

/// <summary>The auditors' reads of the event rows besides the replay: a resource's history and counts per period.</summary>
public sealed class AuditLog(NpgsqlDataSource dataSource)
{
    /// <summary>One page of the events of <paramref name="stream"/>, in order of version.</summary>
    public async Task<V1.ListResourceHistoryResponse> HistoryAsync(string stream, PageRequest page, CancellationToken cancellationToken)
    {
        var size = Paging.PageSize(page.PageSize);
        var after = Paging.LastKey(page) is not { } key ? 0
            : long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version
            : throw Paging.InvalidToken();
        await using var command = dataSource.CreateCommand($"""
            select {AuditEvents.Columns} from {AuditEvents.From}
            where e.stream_id = $1 and e.version > $2 order by e.version limit $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = stream });
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        command.Parameters.Add(new NpgsqlParameter { Value = size + 1 });
        var events = new List<V1.AuditEvent>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                events.Add(AuditEvents.Read(reader, 0));
            }
        }

        var cut = Paging.Cut(events, size, e => e.Version.ToString(CultureInfo.InvariantCulture), page);
        return new V1.ListResourceHistoryResponse { Events = { cut.Items }, NextPageToken = cut.NextPageToken };
    }

    /// <summary>The events recorded in <paramref name="period"/>, counted per type, organisation and actor.</summary>
    public async Task<V1.AuditSummary> SummaryAsync(Interval period, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            select grouping(e.type, e.headers ->> 'organisation', e.user_name), e.type, e.headers ->> 'organisation', e.user_name, count(*)
            from biobank.mt_events e
            where e.timestamp >= $1 and e.timestamp < $2 and e.stream_id <> '{AuditEvents.TombstoneStream}'
            group by grouping sets ((), (e.type), (e.headers ->> 'organisation'), (e.user_name))
            order by count(*) desc, 2, 3, 4
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = period.Start });
        command.Parameters.Add(new NpgsqlParameter { Value = period.End });
        var summary = new V1.AuditSummary { Period = period.ToApi() };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // grouping(type, organisation, actor) sets a bit for each column not grouped by, the type's highest.
            var count = reader.GetInt64(4);
            string Text(int i) => reader.IsDBNull(i) ? "" : reader.GetString(i);
            switch (reader.GetInt32(0))
            {
                case 0b011:
                    summary.EventTypes.Add(new V1.AuditCount { Key = Text(1), Count = count });
                    break;
                case 0b101:
                    summary.Organisations.Add(new V1.AuditCount { Key = Text(2) == "" ? "" : ResourceNames.Organisation(Text(2)), Count = count });
                    break;
                case 0b110:
                    summary.Actors.Add(new V1.AuditCount { Key = Text(3), Count = count });
                    break;
                default:
                    summary.Total = count;
                    break;
            }
        }

        return summary;
    }
}
