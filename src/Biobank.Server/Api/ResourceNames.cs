using Biobank.Domain.Failures;

namespace Biobank.Server.Api;

/// <summary>Resource names of the API ("organisations/{id}", "sites/{id}", ...), made and parsed in one place.</summary>
public static class ResourceNames
{
    public const string OrganisationsCollection = "organisations";
    public const string SitesCollection = "sites";

    public static string Organisation(string id) => $"{OrganisationsCollection}/{id}";

    public static string Site(string id) => $"{SitesCollection}/{id}";

    public static string ParseOrganisation(string name, string field) => ParseId(name, OrganisationsCollection, field);

    public static string ParseSite(string name, string field) => ParseId(name, SitesCollection, field);

    /// <summary>The id in "{collection}/{id}", or INVALID_ARGUMENT naming <paramref name="field"/>.</summary>
    public static string ParseId(string name, string collection, string field) =>
        IsNameIn(name, collection)
            ? IdOf(name, collection)
            : throw new InvalidRequestException(field, $"must be a resource name of the form '{collection}/{{id}}'");

    /// <summary><paramref name="name"/> when it is "{collection}/{id}", or INVALID_ARGUMENT naming <paramref name="field"/>.</summary>
    public static string Parse(string name, string collection, string field = "name")
    {
        ParseId(name, collection, field);
        return name;
    }

    /// <summary>Whether <paramref name="name"/> is "{collection}/{id}" with a valid id.</summary>
    public static bool IsNameIn(string name, string collection) =>
        name.Length > collection.Length + 1
        && name.StartsWith(collection, StringComparison.Ordinal)
        && name[collection.Length] == '/'
        && IsValidId(name[(collection.Length + 1)..]);

    /// <summary>The id of a name already checked to be "{collection}/{id}" (<see cref="IsNameIn"/>).</summary>
    public static string IdOf(string name, string collection) => name[(collection.Length + 1)..];

    /// <summary>Ids are 1-63 characters of lower-case letters, digits and hyphens (AIP-122), or UUIDs.</summary>
    public static bool IsValidId(string id) =>
        id.Length is > 0 and <= 63 && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
