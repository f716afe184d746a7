using System.Globalization;
using Biobank.Domain.Failures;

namespace Biobank.Server.EventStore;

/// <summary>Etags are the version of the resource's event stream, as a decimal string.</summary>
public static class Etags
{
    public static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);

    public static long Parse(string etag) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new InvalidRequestException("etag", "is not an etag of this resource");
}
