using System.Globalization;
using Biobank.Server.Api;
using Google.Protobuf.WellKnownTypes;
using Npgsql;
using V1 = Biobank.V1;

namespace Biobank.Server.Audit;

/// <summary>
/// Events as auditors read them: Marten's event rows (<c>e</c>, <c>biobank.mt_events</c>) with their
/// hash (<c>c</c>, <c>biobank.event_chain</c>, <c>0010_event_chain.sql</c>), read straight from the
/// tables, so a replay streams rows without materialising domain events.
/// </summary>
public static class AuditEvents
{
    /// <summary>Marten's stream of the sequence numbers of failed appends: no resource's history.</summary>
    public const string TombstoneStream = "mt_tombstone";

    /// <summary>The columns <see cref="Read"/> reads, in its order.</summary>
    private static readonly string[] ColumnList =
    [
        "e.seq_id", "e.stream_id", "e.version", "e.type", "e.timestamp", "e.data ->> 'At'", "e.user_name", "e.headers ->> 'organisation'",
        "e.headers ->> 'roles'", "e.data ->> 'Reason'", "e.correlation_id", "e.causation_id", "e.headers ->> 'request_id'",
        "e.data::text", "encode(c.hash, 'hex')", "e.id",
    ];

    /// <summary>The columns <see cref="Read"/> reads, in its order.</summary>
    public static readonly string Columns = string.Join(", ", ColumnList);

    /// <summary>
    /// The columns <see cref="Read"/> reads, each null where <paramref name="condition"/> does not
    /// hold: a row read for its position alone costs no payload.
    /// </summary>
    public static string ColumnsWhere(string condition) => string.Join(", ", ColumnList.Select(column => $"case when {condition} then {column} end"));

    /// <summary>The event rows joined to their hashes, as <see cref="Columns"/> names them.</summary>
    public const string From = "biobank.mt_events e left join biobank.event_chain c on c.seq_id = e.seq_id";

    /// <summary>
    /// A business time this close to the recording time is the same moment: decisions take their
    /// time a little before their transaction stamps the event.
    /// </summary>
    private static readonly TimeSpan SameMoment = TimeSpan.FromSeconds(1);

    /// <summary>The event of the row, read from column <paramref name="first"/> on.</summary>
    public static V1.AuditEvent Read(NpgsqlDataReader row, int first)
    {
        string Text(int i) => row.IsDBNull(first + i) ? "" : row.GetString(first + i);
        var stream = row.GetString(first + 1);
        var recorded = row.GetFieldValue<DateTimeOffset>(first + 4);
        var organisation = Text(7);
        var audit = new V1.AuditEvent
        {
            Position = row.GetInt64(first),
            Stream = stream,
            Version = row.GetInt64(first + 2),
            StreamKind = StreamKinds.KindOf(stream),
            EventType = row.GetString(first + 3),
            RecordTime = Timestamp.FromDateTimeOffset(recorded),
            Actor = Text(6),
            Organisation = organisation == "" ? "" : ResourceNames.Organisation(organisation),
            Reason = Text(9),
            CorrelationId = Text(10),
            CausationId = Text(11),
            RequestId = Text(12),
            PayloadJson = Text(13),
            Hash = Text(14),
            EventId = row.GetGuid(first + 15).ToString(),
        };
        audit.Roles.Add(Text(8).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (DateTimeOffset.TryParse(Text(5), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var business)
            && (business - recorded).Duration() >= SameMoment)
        {
            audit.BusinessTime = Timestamp.FromDateTimeOffset(business);
        }

        return audit;
    }
}
