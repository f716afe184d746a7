using Biobank.Domain;
using Google.Protobuf.WellKnownTypes;
using V1 = Biobank.V1;

namespace Biobank.Server.Api;

/// <summary>Types every slice's messages share.</summary>
public static class Messages
{
    public static V1.TimeInterval ToApi(this Interval interval) => new()
    {
        StartTime = Timestamp.FromDateTimeOffset(interval.Start),
        EndTime = Timestamp.FromDateTimeOffset(interval.End),
    };
}
