using Biobank.Server.Api;

namespace Biobank.Server.Partners;

/// <summary>The partner organisations and their sites (configuration section <c>Directory</c>).</summary>
public sealed class DirectoryOptions
{
    public const string Section = "Directory";

    public List<OrganisationEntry> Organisations { get; set; } = [];

    public List<SiteEntry> Sites { get; set; } = [];

    public sealed class OrganisationEntry
    {
        /// <summary>The id used in tokens' <c>org</c> claim, e.g. <c>inserm</c>.</summary>
        public string Id { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string LegalName { get; set; } = "";
    }

    public sealed class SiteEntry
    {
        public string Id { get; set; } = "";
        /// <summary>Id of the owning organisation.</summary>
        public string Organisation { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string City { get; set; } = "";
        /// <summary>IANA time zone, e.g. <c>Europe/Paris</c>.</summary>
        public string TimeZone { get; set; } = "";
    }

    /// <summary>The site with this id, or null.</summary>
    public SiteEntry? FindSite(string id) => Sites.Find(s => s.Id == id);

    /// <summary>The site a request names ("sites/{id}") in <paramref name="field"/>, or null with a violation when it is malformed or unknown.</summary>
    public SiteEntry? ReadSite(string name, string field, RequestChecks checks)
    {
        var checkedName = checks.Name(name, ResourceNames.SitesCollection, field);
        if (checkedName == "")
        {
            return null;
        }

        var site = FindSite(ResourceNames.IdOf(checkedName, ResourceNames.SitesCollection));
        if (site is null)
        {
            checks.Add(field, "is not a site of the directory");
        }

        return site;
    }

    /// <summary>The organisation a request names ("organisations/{id}") in <paramref name="field"/>, or null with a violation when it is malformed or unknown.</summary>
    public OrganisationEntry? ReadOrganisation(string name, string field, RequestChecks checks)
    {
        var checkedName = checks.Name(name, ResourceNames.OrganisationsCollection, field);
        if (checkedName == "")
        {
            return null;
        }

        var organisation = Organisations.Find(o => o.Id == ResourceNames.IdOf(checkedName, ResourceNames.OrganisationsCollection));
        if (organisation is null)
        {
            checks.Add(field, "is not an organisation of the directory");
        }

        return organisation;
    }

    /// <summary>Problems that make the directory unusable; empty when it is sound.</summary>
    public IEnumerable<string> Problems()
    {
        var organisations = Organisations.Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        if (organisations.Count == 0)
        {
            yield return "Directory:Organisations is empty.";
        }

        if (organisations.Count != Organisations.Count || Sites.Select(s => s.Id).Distinct().Count() != Sites.Count)
        {
            yield return "Directory ids must be unique.";
        }

        foreach (var site in Sites)
        {
            if (!organisations.Contains(site.Organisation))
            {
                yield return $"Site '{site.Id}' names unknown organisation '{site.Organisation}'.";
            }

            if (!TimeZoneInfo.TryFindSystemTimeZoneById(site.TimeZone, out _))
            {
                yield return $"Site '{site.Id}' has unknown time zone '{site.TimeZone}'.";
            }
        }
    }
}
