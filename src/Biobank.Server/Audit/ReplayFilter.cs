using Biobank.Server.Api;
using Npgsql;
using V1 = Biobank.V1;

namespace Biobank.Server.Audit;

/// <summary>Which events a replay sends: those matching every filter given (all when none is).</summary>
public sealed record ReplayFilter(
    IReadOnlyList<string> EventTypes,
    IReadOnlyList<string> Collections,
    string? Resource,
    string? Organisation,
    string? Actor,
    DateTimeOffset? RecordedFrom,
    DateTimeOffset? RecordedBefore)
{
    /// <summary>The filters of a request, or INVALID_ARGUMENT naming every bad one.</summary>
    public static ReplayFilter Read(V1.ReplayEventsRequest request)
    {
        var checks = new RequestChecks();
        if (request.ResumeAfter < 0)
        {
            checks.Add("resume_after", "must be 0 or the position of an event received");
        }

        var types = request.EventTypes.Select((t, i) => checks.Required(t, $"event_types[{i}]")).ToList();
        var collections = request.StreamKinds.Select((kind, i) =>
        {
            var collection = StreamKinds.CollectionOf(kind);
            if (collection is null)
            {
                checks.Add($"stream_kinds[{i}]", "must be one of the documented stream kinds");
            }

            return collection ?? "";
        }).ToList();
        var resource = Optional(request.Resource, () => checks.Optional(request.Resource, "resource"));
        var organisation = Optional(request.Organisation, () =>
            checks.Name(request.Organisation, ResourceNames.OrganisationsCollection, "organisation") is { Length: > 0 } name
                ? ResourceNames.IdOf(name, ResourceNames.OrganisationsCollection)
                : "");
        var actor = Optional(request.Actor, () => checks.Optional(request.Actor, "actor"));
        DateTimeOffset? from = request.RecordStartTime is null ? null : checks.Time(request.RecordStartTime, "record_start_time");
        DateTimeOffset? before = request.RecordEndTime is null ? null : checks.Time(request.RecordEndTime, "record_end_time");
        if (from is not null && before is not null && before <= from)
        {
            checks.Add("record_end_time", "must be after record_start_time");
        }

        checks.ThrowIfAny();
        return new ReplayFilter(types, collections, resource, organisation, actor, from, before);
    }

    /// <summary>
    /// The condition on the event row <c>e</c> that these filters make, its values added to
    /// <paramref name="command"/> as positional parameters.
    /// </summary>
    public string Condition(NpgsqlCommand command)
    {
        var conditions = new List<string> { $"e.stream_id <> '{AuditEvents.TombstoneStream}'" };
        string Parameter(object value)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
            return $"${command.Parameters.Count}";
        }

        if (EventTypes.Count > 0)
        {
            conditions.Add($"e.type = any({Parameter(EventTypes.ToArray())})");
        }

        if (Collections.Count > 0)
        {
            conditions.Add($"split_part(e.stream_id, '/', 1) = any({Parameter(Collections.ToArray())})");
        }

        if (Resource is not null)
        {
            conditions.Add($"e.stream_id = {Parameter(Resource)}");
        }

        if (Organisation is not null)
        {
            conditions.Add($"e.headers ->> 'organisation' = {Parameter(Organisation)}");
        }

        if (Actor is not null)
        {
            conditions.Add($"e.user_name = {Parameter(Actor)}");
        }

        if (RecordedFrom is { } from)
        {
            conditions.Add($"e.timestamp >= {Parameter(from)}");
        }

        if (RecordedBefore is { } before)
        {
            conditions.Add($"e.timestamp < {Parameter(before)}");
        }

        return string.Join(" and ", conditions);
    }

    private static string? Optional(string value, Func<string> read) => value == "" ? null : read();
}
