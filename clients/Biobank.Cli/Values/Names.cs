namespace Biobank.Cli.Values;

/// <summary>
/// Resource names as typed: an id alone ("anses-ma-lsm980") or the full name
/// ("equipment/anses-ma-lsm980"); tables show the id, JSON the full name.
/// </summary>
public static class Names
{
    public const string Equipment = "equipment";
    public const string Reservations = "reservations";
    public const string ReservationSeries = "reservationSeries";
    public const string Samples = "samples";
    public const string StorageUnits = "storageUnits";
    public const string Consents = "consents";
    public const string Organisations = "organisations";
    public const string Sites = "sites";
    public const string Qualifications = "qualifications";
    public const string Agreements = "agreements";
    public const string Transfers = "transfers";

    /// <summary>"{collection}/{id}" from an id or a name of that collection.</summary>
    public static string Of(string collection, string idOrName)
    {
        var text = idOrName.Trim();
        return text.StartsWith(collection + "/", StringComparison.Ordinal) ? text : $"{collection}/{text}";
    }

    /// <summary>The id of a name: what follows the collection.</summary>
    public static string Id(string name)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? name : name[(slash + 1)..];
    }
}
